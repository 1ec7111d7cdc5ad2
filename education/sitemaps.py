from django.urls import reverse
from django.utils import timezone

from core.sitemaps import I18nSitemap
from education.models import Programme, Supervisor, Term


class EducationSitemap(I18nSitemap):
    """The catalogue and the register of supervisors, every published programme, every term that has not begun yet
    (the ones people can still register for) and every approved supervisor."""

    changefreq = "weekly"

    def items(self):
        programmes = list(Programme.objects.published().order_by("pk"))
        terms = list(Term.objects.upcoming().filter(starts_at__gt=timezone.now()).order_by("pk"))
        supervisors = list(Supervisor.objects.approved().order_by("pk"))
        return ["education:index", "education:supervisors", *programmes, *terms, *supervisors]

    def location(self, item):
        if isinstance(item, str):
            return reverse(item)
        return item.get_absolute_url()

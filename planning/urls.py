from django.urls import path, register_converter
from django.utils.translation import pgettext_lazy

from planning import views


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(YearConverter, "year")

app_name = "planning"
urlpatterns = [
    path(pgettext_lazy("URL", "planning/"), views.plan_list, name="index"),
    path(pgettext_lazy("URL", "planning/consultation.atom"), views.ConsultationFeed(), name="feed-consultation"),
    path(pgettext_lazy("URL", "planning/region/<int:code>/"), views.kraj_overview, name="kraj-overview"),
    path(pgettext_lazy("URL", "planning/locality/<int:pk>/"), views.locality_detail, name="locality"),
    path(pgettext_lazy("URL", "planning/comment/<int:pk>/settle/"), views.comment_settle, name="comment-settle"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/"), views.plan_detail, name="plan"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/step/"), views.plan_step, name="plan-step"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/document/"), views.plan_document, name="plan-document"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/structure.<str:file_format>"), views.plan_export, name="plan-export"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/measure/<int:pk>/"), views.measure_detail, name="measure"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/action-plan/<year:year>/"), views.year_report, name="action-plan"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/evaluation/<year:year>/"), views.evaluation_report, name="evaluation"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/comments/"), views.consultation, name="consultation"),
    path(pgettext_lazy("URL", "planning/<slug:slug>/comments/new/"), views.comment_create, name="comment-create"),
]

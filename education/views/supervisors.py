"""The public register of supervisors, a supervisor's profile, and the form a supervisor keeps their profile with
(an application until a regional coordinator approves it in the admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pagecache import cache_public_page
from core.pagination import paginate
from education import permissions
from education.filters import SupervisorFilter
from education.forms import SupervisorForm
from education.models import Supervisor

SECTIONS = ("education", "codelists")


@cache_public_page(*SECTIONS)
@require_safe
def supervisor_list(request):
    filterset = SupervisorFilter(request.GET or None, queryset=Supervisor.objects.approved()
                                 .prefetch_related("kraje", "service_types").order_by("name", "pk"))
    page, pagination = paginate(request, filterset.qs)
    own = (Supervisor.objects.filter(person=request.user).first() if request.user.is_authenticated else None)
    return render(request, "education/supervisor_list.html", {
        **pagination, "form": filterset.form, "supervisors": list(page), "own": own,
        "query": request.GET.urlencode(),
    }, status=400 if filterset.form.errors else 200)


@cache_public_page(*SECTIONS)
@require_safe
def supervisor_detail(request, pk):
    supervisor = get_object_or_404(Supervisor.objects.prefetch_related("kraje", "orps", "service_types",
                                                                        "target_groups"), pk=pk)
    if not supervisor.is_approved and supervisor.person_id != request.user.pk:
        raise Http404  # an application or a suspended profile is not public
    return render(request, "education/supervisor_detail.html", {
        "supervisor": supervisor, "can_edit": permissions.can_edit_supervisor_profile(request.user, supervisor),
    })


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    """Apply to the register, or keep one's profile up to date once approved."""
    supervisor = Supervisor.objects.filter(person=request.user).first()
    if supervisor is not None and not permissions.can_edit_supervisor_profile(request.user, supervisor):
        raise PermissionDenied  # suspended: the coordinator's to sort out
    if supervisor is None:
        supervisor = Supervisor(person=request.user, name=request.user.public_name, email=request.user.email)
    form = SupervisorForm(request.POST or None, instance=supervisor)
    if request.method == "POST" and form.is_valid():
        new = supervisor.pk is None
        supervisor = form.save()
        if new:
            messages.success(request, _("Your application is saved. A regional coordinator of the kraje you chose "
                                        "approves it; then your profile appears in the register."))
        else:
            messages.success(request, _("Your profile is saved."))
        return redirect(supervisor)
    return render(request, "education/supervisor_form.html", {"form": form, "supervisor": supervisor},
                  status=400 if form.errors else 200)

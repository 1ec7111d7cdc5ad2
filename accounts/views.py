from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles as roles_module
from accounts.forms import ProfileForm


@login_required
def profile(request):
    """The signed-in person's own profile: name, organisation, role and language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        with translation.override(form.instance.language):  # say it in the language the person chose
            messages.success(request, _("Your profile has been saved."))
        # The chosen language applies at once: continue on the profile page in that language.
        return redirect(translate_url(reverse("accounts:profile"), form.instance.language))
    roles = [str(roles_module.ROLE_LABELS[g.name]) for g in request.user.groups.all()
             if g.name in roles_module.ROLE_LABELS]
    from coalitions.models import Registration
    from coalitions.views.calendars import my_meetings_url

    memberships = request.user.memberships.filter(left_on__isnull=True).select_related("coalition")
    registrations = (Registration.objects.filter(person=request.user, meeting__ends_at__gte=timezone.now(),
                                                 status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING])
                     .select_related("meeting__coalition").order_by("meeting__starts_at"))
    return render(request, "accounts/profile.html", {
        "form": form, "roles": roles, "memberships": memberships, "registrations": registrations,
        "my_meetings_url": my_meetings_url(request.user),
    })

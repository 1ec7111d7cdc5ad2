import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles as roles_module
from accounts import privacy
from accounts.forms import DeleteAccountForm, ProfileForm
from core import contributions


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
    # What the apps above accounts show here (the coalitions: memberships and meetings), without importing them.
    sections = contributions.gather("profile", "profile_sections", request.user)
    return render(request, "accounts/profile.html", {"form": form, "roles": roles, "sections": sections})


@login_required
def my_data(request):
    """What the portal stores about the person, with a download and the way to delete the account."""
    return render(request, "accounts/my_data.html")


@never_cache
@login_required
def my_data_download(request):
    """Everything stored about the person as one JSON file (GDPR art. 15 and 20)."""
    data = privacy.personal_data(request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="moje-data-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@login_required
def delete_account(request):
    """Delete the account after the password is confirmed; posts stay without an author."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.delete_account(user)
        messages.success(request, _("Your account has been deleted. Thank you for using the portal."))
        return redirect("portal:home")
    return render(request, "accounts/delete_account.html", {"form": form}, status=400 if form.errors else 200)

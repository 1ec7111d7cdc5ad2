"""Every form of the portal, sent twice, saves once.

The demo data set is crawled (one page of every URL pattern) as several roles; every POST form found is
filled in the way a person would (its prefilled values, a sensible value in every empty field, the first
choice of every list, required boxes ticked) and sent twice with the same form token, as a double click
or Back + Submit does. Whenever the first sending stored or changed something, the second must store and
change nothing. Forms without files are guarded by core/resubmit.py; upload forms recognise a repeated
file themselves. The test also makes sure it really saved something through many different forms.
"""

import datetime as dt
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import User
from tests.coalitions.factories import minimal_pdf, png_bytes
from tests.crawl_forms import (  # noqa: F401 (no_rate_limits is a fixture)
    NEVER_POST,
    ROLES,
    changed_columns,
    changed_rows,
    explore,
    no_rate_limits,
    pages_to_visit_first,
    row_fingerprints,
)

pytestmark = pytest.mark.django_db

NEVER_FILL = {"website"}  # the honeypot: people leave it empty
# What a person would choose where the first choice does not fit (the first ORP lies in another kraj).
HINTS = {"offers:create": {"orp": [""]},
         "families:request-create": {"children_count": ["2"], "children_ages": ["3, 7"]}}
# Forms whose first sending must save something in this test (so it cannot pass by saving nothing).
MUST_SAVE = {"portal:contact", "services:correction", "services:report-capacity", "discussions:thread-create",
             "discussions:thread-reply", "offers:create", "coalitions:meeting-register", "coalitions:task-create",
             "coalitions:meeting-create", "coalitions:document-upload", "families:request-create",
             "families:offer-create", "education:term-register", "education:plan-add",
             "education:consultation-create"}
TYPED = ("text", "textarea", "email", "url", "number", "date", "datetime-local", "time", "tel")


def sensible_value(field):
    """What a person types into an empty field of this kind."""
    tomorrow = timezone.localdate() + dt.timedelta(days=30)
    name = field.name.lower().rsplit("-", 1)[-1]  # agenda-0-ends_at → ends_at
    later = name.startswith("end") or name.endswith("_to") or "until" in name
    match field.kind:
        case "email":
            return "jana.novakova@example.cz"
        case "url":
            return "https://www.example.cz/"
        case "number":
            return "2"
        case "date":
            return (tomorrow + dt.timedelta(days=1 if later else 0)).isoformat()
        case "datetime-local":
            return f"{tomorrow.isoformat()}T{'12:00' if later else '10:00'}"
        case "time":
            return "12:00" if later else "10:00"
        case "tel":
            return "+420 603 123 456"
        case "password" | "search" | "hidden":
            return ""
    return f"Zkušební text pole {field.name} s dostatečnou délkou."


def filled_in(form, every_list=True):
    """The form as a person fills it in: every empty field, and the first choice of every list (or only of
    the required lists: some optional ones must stay empty, such as an ORP of another kraj)."""
    data = {name: list(values) for name, values in form.default_data().items()}
    files = {}
    for field in form.fields:
        if field.name in NEVER_FILL:
            continue
        if field.kind == "file":
            image = "photo" in field.name or "image" in field.name or "foto" in field.name
            files[field.name] = SimpleUploadedFile(
                "foto.png" if image else "zapis.pdf", png_bytes() if image else minimal_pdf(),
                content_type="image/png" if image else "application/pdf")
        elif field.kind == "checkbox" and field.required and field.name not in data:
            data[field.name] = [field.value or "on"]
        elif field.kind == "radio" and field.name not in data:
            data[field.name] = [field.value]  # the first choice
        elif re.search(r"-([1-9]\d*)-", field.name):
            continue  # the empty extra forms of a formset stay empty
        elif field.kind.startswith("select") and (every_list or field.required) \
                and not any(data.get(field.name, [])):
            choices = [value for value, _selected in field.options if value]
            if choices:
                data[field.name] = [choices[0]]
        elif field.kind in TYPED and not any(value.strip() for value in data.get(field.name, [])):
            data[field.name] = [sensible_value(field)[:field.maxlength or None]]
    data.update(HINTS.get(form.action_name, {}))
    return data, files


def send(client, form, data, files):
    path = urlsplit(form.action).path + (f"?{urlsplit(form.action).query}" if urlsplit(form.action).query else "")
    if files:
        return client.post(path, {**data, **files})  # multipart, as a browser sends a form with a file
    return client.post(path, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")


@pytest.mark.usefixtures("no_rate_limits")
def test_every_form_sent_twice_saves_once():
    call_command("seed_demo", allow_production=True, verbosity=0)
    done, saved, problems = set(), set(), []
    for role, email in ROLES:
        client = Client(raise_request_exception=False)
        user = User.objects.get(email=email) if email else None
        if user:
            client.force_login(user)
        for form in explore(client, first=pages_to_visit_first(user)).forms:
            if form.method != "post" or form.action_name in NEVER_POST or form.action_name is None:
                continue
            if form.signature in done or urlsplit(form.action).path.startswith(("/cs/admin/", "/en/admin/")):
                continue
            done.add(form.signature)
            for every_list in (True, False):
                data, files = filled_in(form, every_list)
                before = row_fingerprints()
                first = send(client, form, data, files)
                after_first = row_fingerprints()
                if set(after_first) - set(before) or changed_rows(before, after_first) or first.status_code >= 500:
                    break
            if first.status_code >= 500:
                problems.append(f"[{role}] {form.action}: {first.status_code} on the first sending")
                continue
            if not (set(after_first) - set(before) or changed_rows(before, after_first)):
                continue  # nothing saved (the form wanted more, or the role may not): nothing to repeat
            saved.add(form.action_name)
            for upload in files.values():
                upload.seek(0)
            second = send(client, form, data, files)
            after_second = row_fingerprints()
            new = sorted(set(after_second) - set(after_first), key=str)
            changed = [f"{key[0]} #{key[1]} ({', '.join(changed_columns(after_first[key], after_second.get(key)))})"
                       for key in sorted(changed_rows(after_first, after_second), key=str)]
            if second.status_code >= 500 or new or changed:
                problems.append(f"[{role}] {form.action} sent twice: status {second.status_code}, "
                                f"new rows {new[:5]}, changed {changed[:5]}")
    print(f"forms that saved something: {len(saved)}: {sorted(saved)}")
    assert problems == [], "\n".join(problems)
    assert MUST_SAVE <= saved, f"these forms saved nothing on the first sending: {sorted(MUST_SAVE - saved)}"

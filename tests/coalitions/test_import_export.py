"""CSV/XLSX export of coalition members and meeting attendance, and import of members with a preview:
limited to what the person manages, a per-row error report, and a bad file changes nothing."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from coalitions.models import Membership
from coalitions.resources import AttendanceResource, MembershipResource
from tests.coalitions.factories import CoalitionFactory, MeetingFactory, MembershipFactory, english
from tests.accounts.factories import UserFactory
from tests.services.factories import ProviderFactory
from territory.models import Kraj

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"  # the order of `formats` in coalitions/admin.py


@pytest.fixture
def data():
    home = CoalitionFactory(name="Koalice Kladensko", slug="kladensko")
    away = CoalitionFactory(name="Koalice Brněnsko", slug="brnensko", kraj=Kraj.objects.get(nuts3="CZ064"))
    MembershipFactory(coalition=home, organisation_name="Spolek Kladno", person__email="clen@kladno.cz")
    MembershipFactory(coalition=away, organisation_name="Spolek Brno", person__email="clen@brno.cz")
    meeting = MeetingFactory(coalition=home, title="Setkání Kladno")
    meeting.register(UserFactory(email="ucastnik@kladno.cz", display_name="Jana Účastná"))
    away_meeting = MeetingFactory(coalition=away, title="Setkání Brno")
    away_meeting.register(UserFactory(email="ucastnik@brno.cz"))
    return {"home": home, "away": away}


def export(client, model, resource, file_format):
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    return client.post(reverse(f"admin:coalitions_{model}_export"),
                       {"format": file_format, "resource": "0", **fields})


def rows_of(response) -> list[dict]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


# --- Export ----------------------------------------------------------------------------------------


def test_members_export_has_only_the_coordinators_kraj(client, coordinator, data):
    client.force_login(coordinator)
    response = export(client, "membership", MembershipResource, CSV_FORMAT)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = rows_of(response)
    assert [(row["Koalice (adresní název)"], row["E-mail člena"], row["Organizace"]) for row in rows] == [
        ("kladensko", "clen@kladno.cz", "Spolek Kladno")]


def test_attendance_exports_as_xlsx(client, coordinator, data):
    client.force_login(coordinator)
    response = export(client, "registration", AttendanceResource, XLSX_FORMAT)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, *rows = values
    assert header[:2] == ["Koalice", "Setkání"] and len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Setkání"], row["Účastník"], row["E-mail"]) == ("Setkání Kladno", "Jana Účastná",
                                                               "ucastnik@kladno.cz")


def test_coalition_coordinator_exports_only_their_coalition(client, data):
    person = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    MembershipFactory(coalition=data["home"], person=person, role="coordinator")
    CoalitionFactory(slug="slansko")  # same kraj, not theirs
    MembershipFactory(coalition=Membership.objects.get(organisation_name="Spolek Kladno").coalition)
    client.force_login(person)
    rows = rows_of(export(client, "membership", MembershipResource, CSV_FORMAT))
    assert {row["Koalice (adresní název)"] for row in rows} == {"kladensko"} and len(rows) == 3


@pytest.mark.parametrize("role", ["user", "moderator"])
def test_people_without_admin_cannot_export(client, request, role, data):
    client.force_login(request.getfixturevalue(role))
    assert export(client, "membership", MembershipResource, CSV_FORMAT).status_code == 403  # no admin


# --- Import ----------------------------------------------------------------------------------------

HEADER = ("coalition,email,organisation_kind,provider_ico,organisation_name,triad_side,role,joined_on,"
          "left_on\n")


def upload(client, content: bytes, name="clenove.csv", file_format=CSV_FORMAT):
    return client.post(english(reverse("admin:coalitions_membership_import")), {
        "resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(english(reverse("admin:coalitions_membership_process_import")),
                       {name: form.initial.get(name, "") for name in form.fields})


def test_import_previews_then_creates_members(client, coordinator, data):
    UserFactory(email="nova@kladno.cz")
    provider = ProviderFactory(name="Charita Kladno")
    client.force_login(coordinator)
    content = (HEADER + f"kladensko,NOVA@kladno.cz,provider,{provider.ico},,provider,member,2025-02-01,\n"
               "kladensko,clen@kladno.cz,ngo,,Spolek Kladno,user,chair,2024-01-01,\n").encode()
    preview = upload(client, content)
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None  # the preview, nothing saved yet
    assert not Membership.objects.filter(person__email="nova@kladno.cz").exists()
    result = preview.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "update"]

    response = confirm(client, preview)
    assert response.status_code == 302
    new = Membership.objects.get(person__email="nova@kladno.cz")
    assert (new.coalition.slug, new.provider, new.organisation_name, new.triad_side) == (
        "kladensko", provider, "Charita Kladno", "provider")
    changed = Membership.objects.get(person__email="clen@kladno.cz")
    assert (changed.role, changed.triad_side) == ("chair", "user")
    assert changed.history.count() == 2  # the import is in the history


def test_a_file_exported_with_human_headers_in_english_imports_on_the_czech_page(client, coordinator, data):
    client.force_login(coordinator)
    exported = client.post(english(reverse("admin:coalitions_membership_export")), {
        "format": CSV_FORMAT, "resource": "0",
        **{f"membershipresource_{name}": "on" for name in MembershipResource().get_export_order()}})
    content = exported.content.decode("utf-8-sig")
    assert content.startswith("Coalition (address name),Coalition's name,Member's e-mail")
    content = content.replace("Spolek Kladno", "Spolek Kladno a okolí")
    preview = client.post(reverse("admin:coalitions_membership_import"), {  # the Czech admin
        "resource": "0", "format": CSV_FORMAT,
        "import_file": SimpleUploadedFile("clenove.csv", content.encode())})
    assert preview.status_code == 200 and preview.context["confirm_form"] is not None
    assert confirm(client, preview).status_code == 302
    assert Membership.objects.get(person__email="clen@kladno.cz").organisation_name == "Spolek Kladno a okolí"


def test_import_from_xlsx(client, coordinator, data):
    UserFactory(email="xlsx@kladno.cz")
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["kladensko", "xlsx@kladno.cz", "municipality", None, "Obec Vzorov", "commissioner",
                        "member", "2025-03-01", None])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(coordinator)
    preview = upload(client, buffer.getvalue(), name="clenove.xlsx", file_format=XLSX_FORMAT)
    assert preview.context["confirm_form"] is not None, preview.context["result"].row_errors()
    assert confirm(client, preview).status_code == 302
    assert Membership.objects.get(person__email="xlsx@kladno.cz").organisation_name == "Obec Vzorov"


def test_a_bad_file_changes_nothing_and_reports_every_row(client, coordinator, data):
    UserFactory(email="nova@kladno.cz")
    client.force_login(coordinator)
    before = list(Membership.objects.values_list("pk", "role"))
    content = (HEADER
               + "kladensko,nova@kladno.cz,ngo,,Spolek Nový,provider,member,2025-01-01,\n"  # fine on its own
               + "brnensko,clen@kladno.cz,ngo,,Spolek,provider,member,2025-01-01,\n"  # another region's
               + "kladensko,nikdo@nikde.cz,ngo,,Spolek,provider,member,2025-01-01,\n"  # no such account
               + "kladensko,clen@kladno.cz,ngo,,Spolek,sideways,boss,2025-01-01,\n").encode()  # bad codes
    preview = upload(client, content)
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None  # no way to confirm a file with errors
    result = preview.context["result"]
    errors = {row.number: " ".join(str(message) for messages in row.error_dict.values()
                                   for message in messages)
              for row in result.invalid_rows}
    assert set(errors) == {2, 3, 4}
    assert "There is no coalition “brnensko” among the coalitions you manage." in errors[2]
    assert "Nobody with the e-mail nikdo@nikde.cz" in errors[3]
    assert "“sideways” is not one of" in errors[4] and "“boss” is not one of" in errors[4]
    html = preview.content.decode()
    assert "brnensko" in html and "nikdo@nikde.cz" in html  # the report on the page
    assert list(Membership.objects.values_list("pk", "role")) == before
    assert not Membership.objects.filter(person__email="nova@kladno.cz").exists()


def test_a_file_that_is_not_a_table_is_a_form_error(client, coordinator, data):
    client.force_login(coordinator)
    response = upload(client, b"\x00\x01\x02 not a spreadsheet", name="clenove.xlsx", file_format=XLSX_FORMAT)
    assert response.status_code == 400 and response.context["form"].errors
    response = upload(client, b"name,phone\nX,1\n")  # no coalition/email columns
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None


def test_coalition_coordinator_imports_only_into_their_coalition(client, data):
    person = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    MembershipFactory(coalition=data["home"], person=person, role="coordinator")
    CoalitionFactory(slug="slansko")
    UserFactory(email="nova@kladno.cz")
    client.force_login(person)
    row = "nova@kladno.cz,ngo,,Spolek,provider,member,2025-01-01,\n"
    preview = upload(client, (HEADER + "slansko," + row).encode())
    assert preview.context.get("confirm_form") is None
    preview = upload(client, (HEADER + "kladensko," + row).encode())
    assert preview.context["confirm_form"] is not None
    assert confirm(client, preview).status_code == 302
    assert Membership.objects.get(person__email="nova@kladno.cz").coalition == data["home"]


def test_people_without_add_permission_cannot_import(client, data):
    viewer = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_membership"))
    client.force_login(viewer)
    assert upload(client, HEADER.encode()).status_code == 403


def test_import_reads_csv_with_semicolons_as_czech_excel_saves_it(client, coordinator, data):
    UserFactory(email="strednik@kladno.cz")
    client.force_login(coordinator)
    content = (HEADER.replace(",", ";")
               + "kladensko;strednik@kladno.cz;ngo;;Spolek Středník;expert;member;2025-01-01;\n")
    content = content.encode("utf-8-sig")
    preview = upload(client, content)
    assert preview.context["confirm_form"] is not None
    assert confirm(client, preview).status_code == 302
    assert Membership.objects.get(person__email="strednik@kladno.cz").organisation_name == "Spolek Středník"


def test_a_csv_in_another_encoding_is_a_form_error(client, coordinator, data):
    client.force_login(coordinator)
    content = (HEADER + "kladensko,x@kladno.cz,ngo,,Spolek Žluťoučký,user,member,2025-01-01,\n")
    content = content.encode("cp1250")
    response = upload(client, content)
    assert response.status_code == 400 and response.context["form"].errors
    assert Membership.objects.count() == 2

"""Outputs library (coalitions:outputs), document download and upload, photo upload and photo files."""

# ruff: noqa: F811 (the role fixtures are imported from tests.coalitions.factories and used as arguments)

import datetime as dt
import io

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from PIL import Image

from coalitions.models import Coalition, Document, Photo
from services.models import ServiceType
from territory.models import Kraj, home_kraj
from tests.coalitions.factories import (  # noqa: F401
    MANAGERS,
    MEMBERS_ONLY_READERS,
    ROLES,
    CoalitionFactory,
    DocumentFactory,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    PhotoFactory,
    coalition,
    coalition_coordinator,
    english,
    log_in_as,
    member,
    minimal_pdf,
    other_member,
    png_bytes,
)
from tests.coalitions.test_uploads import GPS_IFD, docx_bytes, jpeg_with_gps, upload
from tests.i18n import english

pytestmark = pytest.mark.django_db

OUTPUTS = reverse("coalitions:outputs")




def titles_in(response) -> list[str]:
    return [document.title for document in response.context["documents"]]


def upload_url(coalition, **query) -> str:
    url = reverse("coalitions:document-upload", args=[coalition.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def photo_upload_url(coalition, **query) -> str:
    url = reverse("coalitions:photo-upload", args=[coalition.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def document_data(**fields) -> dict:
    data = {"kind": "methodology", "title": "Metodika sdíleného případu", "description": "Jak na to.",
            "version": "1.0", "public": "on", "meeting": ""}
    data.update(fields)
    if "file" not in data:
        data["file"] = upload("metodika.pdf", minimal_pdf(), "application/pdf")
    return {key: value for key, value in data.items() if value is not None}


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Outputs library ------------------------------------------------------------------------------------


def test_it_lists_outputs_of_all_coalitions_but_not_other_documents(client, coalition):
    DocumentFactory(coalition=coalition, title="Metodika Kladensko", kind="methodology")
    DocumentFactory(coalition=CoalitionFactory(), title="Analýza kapacit Slánsko", kind="capacity_analysis")
    DocumentFactory(coalition=coalition, title="Pozvánka", kind="invitation")
    DocumentFactory(coalition=coalition, title="Prezentace", kind="presentation")
    response = client.get(OUTPUTS)
    assert response.status_code == 200
    assert sorted(titles_in(response)) == ["Analýza kapacit Slánsko", "Metodika Kladensko"]


@pytest.mark.parametrize("role", ROLES)
def test_members_only_outputs_never_listed_to_those_who_may_not_see_them(client, request, coalition, role):
    DocumentFactory(coalition=coalition, title="Veřejná metodika")
    DocumentFactory(coalition=coalition, title="Interní projektový záměr", kind="project_plan", public=False)
    DocumentFactory(coalition=CoalitionFactory(), title="Cizí interní analýza", public=False)
    log_in_as(client, request, role)

    response = client.get(OUTPUTS)

    expected = {"Veřejná metodika"}
    if role in MEMBERS_ONLY_READERS:
        expected |= {"Interní projektový záměr"}
    if role == "coordinator":  # the regional coordinator sees every coalition of the kraj
        expected |= {"Cizí interní analýza"}
    assert set(titles_in(response)) == expected
    assert response.context["page"].paginator.count == len(expected)
    html = response.content.decode()
    assert ("Interní projektový záměr" in html) is (role in MEMBERS_ONLY_READERS)
    # Searching does not find them either.
    assert titles_in(client.get(OUTPUTS, {"q": "interní"})) == (
        sorted(expected - {"Veřejná metodika"}) if role == "coordinator" else
        ["Interní projektový záměr"] if role in MEMBERS_ONLY_READERS else [])


def test_a_person_with_several_reasons_to_see_a_document_sees_it_once(client, coordinator, coalition):
    MembershipFactory(coalition=coalition, person=coordinator)
    DocumentFactory(coalition=coalition, title="Interní metodika", public=False)
    client.force_login(coordinator)
    assert titles_in(client.get(OUTPUTS)) == ["Interní metodika"]


def test_it_filters_by_kind_coalition_topic_and_year(client, coalition):
    homes = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    seniors = CoalitionFactory(slug="seniori", service_types=[homes])
    DocumentFactory(coalition=coalition, title="Metodika 2024", published_on=dt.date(2024, 5, 1))
    DocumentFactory(coalition=coalition, title="Dobrá praxe 2025", kind="good_practice",
                    published_on=dt.date(2025, 3, 1))
    DocumentFactory(coalition=seniors, title="Analýza kapacit domovů", kind="capacity_analysis",
                    published_on=dt.date(2025, 6, 1))

    assert titles_in(client.get(OUTPUTS, {"kind": "good_practice"})) == ["Dobrá praxe 2025"]
    assert titles_in(client.get(OUTPUTS, {"coalition": "seniori"})) == ["Analýza kapacit domovů"]
    assert titles_in(client.get(OUTPUTS, {"topic": homes.pk})) == ["Analýza kapacit domovů"]
    assert titles_in(client.get(OUTPUTS, {"year": "2025"})) == ["Analýza kapacit domovů", "Dobrá praxe 2025"]
    assert titles_in(client.get(OUTPUTS, {"year": "2025", "kind": "good_practice"})) == ["Dobrá praxe 2025"]
    response = client.get(OUTPUTS)
    year_choices = response.context["form"].fields["year"].choices
    assert [value for value, _label in year_choices] == ["", "2025", "2024"]


def test_search_in_titles_and_descriptions(client, coalition):
    DocumentFactory(coalition=coalition, title="Metodika sdíleného případu", description="Pro terénní práci.")
    DocumentFactory(coalition=coalition, title="Analýza kapacit", description="Pobytové služby pro seniory.")
    assert titles_in(client.get(OUTPUTS, {"q": "metodika"})) == ["Metodika sdíleného případu"]
    assert titles_in(client.get(OUTPUTS, {"q": "SENIORY"})) == ["Analýza kapacit"]
    assert titles_in(client.get(OUTPUTS, {"q": "analýza seniory"})) == ["Analýza kapacit"]
    assert titles_in(client.get(OUTPUTS, {"q": "analýza terénní"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="unaccent is a PostgreSQL extension")
def test_search_ignores_diacritics_on_postgresql(client, coalition):
    DocumentFactory(coalition=coalition, title="Příklady dobré praxe", kind="good_practice",
                    description="Sdílení zkušeností poskytovatelů")
    assert titles_in(client.get(OUTPUTS, {"q": "priklady dobre"})) == ["Příklady dobré praxe"]
    assert titles_in(client.get(OUTPUTS, {"q": "ZKUSENOSTI"})) == ["Příklady dobré praxe"]
    assert titles_in(client.get(OUTPUTS, {"q": "přiklady"})) == ["Příklady dobré praxe"]


@pytest.mark.parametrize("params", [
    {"kind": "invitation"}, {"kind": "x"}, {"coalition": "neni-takova"}, {"topic": "abc"}, {"year": "dvacet"},
    {"year": "1850"}, {"year": "99999999999999999999"}, {"page": "x"}, {"page": "-1"}, {"q": "a" * 5000},
    {"q": "%_\\"},
])
def test_bad_filter_values_are_form_errors_not_500(client, coalition, params):
    DocumentFactory(coalition=coalition, title="Metodika", published_on=dt.date(2025, 1, 1))
    response = client.get(OUTPUTS, params)
    assert response.status_code == 200
    if set(params) & {"kind", "coalition", "topic", "year"}:
        assert titles_in(response) == ["Metodika"]
        assert response.context["form"].errors


def test_pagination_keeps_the_filters(client, coalition):
    DocumentFactory.create_batch(25, coalition=coalition, kind="good_practice")
    DocumentFactory(coalition=coalition, kind="methodology")
    first = client.get(OUTPUTS, {"kind": "good_practice"})
    assert first.context["page"].paginator.count == 25 and len(first.context["documents"]) == 20
    assert "?kind=good_practice&amp;page=2" in first.content.decode()
    assert len(client.get(OUTPUTS, {"kind": "good_practice", "page": 2}).context["documents"]) == 5


@pytest.mark.parametrize("role, queries", [
    # years, choices of coalition and service type, count, page; demo data banner, home kraj
    ("anonymous", 7),
    # + session, user; groups (does the person coordinate a kraj?)
    ("member", 10),
])
@pytest.mark.parametrize("count", [2, 20])
def test_library_runs_fixed_queries(client, request, django_assert_num_queries, coalition, role, queries,
                                    count):
    for _ in range(count):
        DocumentFactory(coalition=CoalitionFactory())
        DocumentFactory(coalition=coalition, public=False)
    log_in_as(client, request, role)
    with django_assert_num_queries(queries):
        response = client.get(OUTPUTS)
    assert len(response.context["documents"]) == (count if role == "anonymous" else min(2 * count, 20))


# --- Download -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_members_only_document_is_403_with_the_way_in_for_those_who_may_not_see_it(client, request, coalition, role):
    document = DocumentFactory(coalition=coalition, public=False, title="Interní rozpočet")
    log_in_as(client, request, role)
    response = client.get(english(reverse("coalitions:document", args=[document.pk])))
    assert response.status_code == (200 if role in MEMBERS_ONLY_READERS else 403)
    if role in MEMBERS_ONLY_READERS:
        assert response["Cache-Control"] == "private, no-store"
    else:  # not a broken link: it says whose document it is and how to get in, not what it is
        html = response.content.decode()
        assert f"shared only with the members of {coalition.name}" in html
        assert "#members-heading" in html and "Interní rozpočet" not in html
        assert ("Log in</a> and the document opens" in html) == (role == "anonymous")


def test_public_document_is_served_as_an_attachment_of_its_checked_type(client, coalition):
    document = DocumentFactory(coalition=coalition, title="Metodika spolupráce")
    response = client.get(reverse("coalitions:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Metodika_spolupr" in response["Content-Disposition"] and ".pdf" in response["Content-Disposition"]
    assert content_of(response).startswith(b"%PDF-")


def test_unknown_or_lost_document_is_404(client, coalition):
    assert client.get(reverse("coalitions:document", args=[999999])).status_code == 404
    document = DocumentFactory(coalition=coalition)
    document.file.storage.delete(document.file.name)
    assert client.get(reverse("coalitions:document", args=[document.pk])).status_code == 404


def test_a_file_of_unknown_type_is_never_sniffed(client, coalition):
    document = DocumentFactory(coalition=coalition, file_type="")  # e.g. added in the admin
    response = client.get(reverse("coalitions:document", args=[document.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Upload ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_may_open_the_upload_form(client, request, coalition, role):
    log_in_as(client, request, role)
    response = client.get(upload_url(coalition))
    if role == "anonymous":
        assert response.status_code == 302 and "/ucet/login/" in response["Location"]
    else:
        assert response.status_code == (200 if role in MANAGERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_may_upload(client, request, coalition, role):
    person = log_in_as(client, request, role)
    response = client.post(upload_url(coalition), document_data())
    assert Document.objects.count() == (1 if role in MANAGERS else 0)
    if role in MANAGERS:
        assert response.status_code == 302 and response["Location"] == coalition.get_absolute_url()
        document = Document.objects.get()
        assert (document.coalition, document.uploaded_by, document.kind) == (coalition, person, "methodology")
        assert (document.file_type, document.file_size) == ("pdf", len(minimal_pdf()))
        assert document.file.name.endswith(".pdf") and document.public


def test_upload_form_offers_only_this_coalitions_meetings(client, coalition, coalition_coordinator):
    ours = MeetingFactory(coalition=coalition)
    theirs = MeetingFactory(coalition=CoalitionFactory())
    client.force_login(coalition_coordinator)
    assert list(client.get(upload_url(coalition)).context["form"].fields["meeting"].queryset) == [ours]

    response = client.post(upload_url(coalition), document_data(meeting=theirs.pk))
    assert response.status_code == 400 and "meeting" in response.context["form"].errors
    assert not Document.objects.exists()

    response = client.post(upload_url(coalition, meeting=ours.pk), document_data(meeting=ours.pk,
                                                                                   kind="presentation"))
    assert Document.objects.get().meeting == ours
    assert response["Location"] == reverse("coalitions:meeting", args=[coalition.slug, ours.pk])


def test_meeting_in_the_query_is_preselected_and_must_be_ours(client, coalition, coalition_coordinator):
    ours = MeetingFactory(coalition=coalition)
    client.force_login(coalition_coordinator)
    assert client.get(upload_url(coalition, meeting=ours.pk)).context["form"].initial["meeting"] == ours
    assert client.get(upload_url(coalition, meeting=MeetingFactory().pk)).status_code == 404
    assert client.get(upload_url(coalition, meeting="abc")).status_code == 404


def test_members_only_coalition_suggests_members_only_documents(client, coalition_coordinator, coalition):
    coalition.visibility = Coalition.Visibility.MEMBERS
    coalition.save()
    client.force_login(coalition_coordinator)
    assert client.get(upload_url(coalition)).context["form"].initial["public"] is False


@pytest.mark.parametrize("name, content", [
    ("metodika.pdf", b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
    ("metodika.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
])
def test_disguised_files_are_refused(client, coalition, coalition_coordinator, name, content):
    client.force_login(coalition_coordinator)
    disguised = upload(name, content, "application/pdf")
    response = client.post(english(upload_url(coalition)), document_data(file=disguised))
    assert response.status_code == 400
    assert not Document.objects.exists()
    errors = " ".join(response.context["form"].errors["file"])
    assert "is not PDF" in errors or "cannot be uploaded" in errors
    assert "error-summary" in response.content.decode()


def test_the_type_follows_the_content(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    png_as_word = upload("tabulka.docx", png_bytes(), "application/msword")
    client.post(upload_url(coalition), document_data(file=png_as_word))
    document = Document.objects.get()
    assert document.file_type == "png" and document.file.name.endswith("/tabulka.png")
    response = client.get(reverse("coalitions:document", args=[document.pk]))
    assert response["Content-Type"] == "image/png"


def test_a_real_docx_is_accepted(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    client.post(upload_url(coalition), document_data(file=upload("zamer.docx", docx_bytes())))
    assert Document.objects.get().file_type == "docx"


def test_an_image_document_loses_its_gps_position(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    client.post(upload_url(coalition), document_data(kind="good_practice",
                                                     file=upload("mapa.jpg", jpeg_with_gps(), "image/jpeg")))
    document = Document.objects.get()
    with document.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD)
    assert document.file_size == document.file.size


def test_oversized_file_is_refused_with_a_clear_message(client, settings, coalition, coalition_coordinator):
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(coalition_coordinator)
    big = upload("velka-analyza.pdf", minimal_pdf() + b"0" * 5000, "application/pdf")
    response = client.post(english(upload_url(coalition)), document_data(file=big))
    assert response.status_code == 400
    assert not Document.objects.exists()
    [error] = response.context["form"].errors["file"]
    assert "the largest file you can upload has 1000" in error
    # The other fields are kept for the next try.
    assert response.context["form"]["title"].value() == "Metodika sdíleného případu"


def test_too_much_text_is_refused_gracefully(client, settings, coalition, coalition_coordinator):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    client.force_login(coalition_coordinator)
    response = client.post(english(upload_url(coalition)), document_data(description="x" * 2000), follow=True)
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert "too much text" in response.content.decode()


def test_a_double_submit_creates_one_document(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    first = client.post(upload_url(coalition), document_data())
    second = client.post(english(upload_url(coalition)), document_data(), follow=True)
    assert first.status_code == 302
    assert Document.objects.count() == 1
    assert "had already been uploaded" in second.content.decode()
    # Another file or another title is a new document.
    client.post(upload_url(coalition), document_data(title="Jiný název"))
    client.post(upload_url(coalition), document_data(file=upload("v2.pdf", minimal_pdf("verze 2"))))
    assert Document.objects.count() == 3


def test_upload_is_csrf_protected(coalition, coalition_coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coalition_coordinator)
    response = client.post(upload_url(coalition), document_data())
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_upload_form_page_is_translated_and_has_one_h1(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    html = client.get(english(upload_url(coalition))).content.decode()
    assert html.count("<h1") == 1 and "Add a document" in html
    assert 'enctype="multipart/form-data"' in html


# --- Photos ---------------------------------------------------------------------------------------------


def photo_data(**fields) -> dict:
    data = {"alt_text": "Účastníci setkání diskutují v malých skupinách", "caption": "Setkání v Kladně"}
    data.update(fields)
    data.setdefault("image", upload("IMG_0001.jpg", jpeg_with_gps(size=(1200, 800), orientation=1),
                                    "image/jpeg"))
    return data


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_may_upload_meeting_photos(client, request, coalition, role):
    meeting = MeetingFactory(coalition=coalition)
    log_in_as(client, request, role)
    page = client.get(photo_upload_url(coalition, meeting=meeting.pk))
    response = client.post(photo_upload_url(coalition, meeting=meeting.pk), photo_data(meeting=meeting.pk))
    assert Photo.objects.count() == (1 if role in MANAGERS else 0)
    if role == "anonymous":
        assert page.status_code == 302
    elif role in MANAGERS:
        assert page.status_code == 200 and page.context["form"].initial["meeting"] == meeting
        assert response["Location"] == meeting.get_absolute_url()
    else:
        assert page.status_code == response.status_code == 403


def test_photo_loses_exif_and_gps_and_gets_a_thumbnail(client, coalition, coalition_coordinator):
    meeting = MeetingFactory(coalition=coalition)
    client.force_login(coalition_coordinator)
    client.post(photo_upload_url(coalition), photo_data(meeting=meeting.pk))
    photo = Photo.objects.get()
    assert (photo.meeting, photo.uploaded_by) == (meeting, coalition_coordinator)
    assert photo.alt_text == "Účastníci setkání diskutují v malých skupinách"
    with photo.image.open("rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 800)
        assert not image.getexif().get_ifd(GPS_IFD) and len(image.getexif()) == 0
    assert b"Exif" not in data
    with photo.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert thumbnail.size == (400, 267)


@pytest.mark.parametrize("fields, error_field", [
    ({"alt_text": ""}, "alt_text"),
    ({"alt_text": "   "}, "alt_text"),
    ({"image": upload("foto.jpg", minimal_pdf(), "image/jpeg")}, "image"),
    ({"image": upload("foto.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")}, "image"),
    ({"meeting": ""}, "meeting"),
])
def test_photo_form_errors(client, coalition, coalition_coordinator, fields, error_field):
    meeting = MeetingFactory(coalition=coalition)
    client.force_login(coalition_coordinator)
    response = client.post(photo_upload_url(coalition), photo_data(**{"meeting": meeting.pk, **fields}))
    assert response.status_code == 400 and error_field in response.context["form"].errors
    assert not Photo.objects.exists()


def test_oversized_photo_is_refused(client, settings, coalition, coalition_coordinator):
    settings.MAX_UPLOAD_BYTES = 2000
    meeting = MeetingFactory(coalition=coalition)
    client.force_login(coalition_coordinator)
    response = client.post(english(photo_upload_url(coalition)), photo_data(meeting=meeting.pk))
    assert "the largest file you can upload has" in " ".join(response.context["form"].errors["image"])
    assert not Photo.objects.exists()


def test_photo_of_another_coalitions_meeting_is_refused(client, coalition, coalition_coordinator):
    theirs = MeetingFactory()
    client.force_login(coalition_coordinator)
    assert client.get(photo_upload_url(coalition, meeting=theirs.pk)).status_code == 404
    response = client.post(photo_upload_url(coalition), photo_data(meeting=theirs.pk))
    assert "meeting" in response.context["form"].errors and not Photo.objects.exists()


@pytest.mark.parametrize("role, allowed", [
    ("coalition_coordinator", False), ("other_region_coordinator", False), ("coordinator", True),
])
def test_event_photos_by_regional_coordinators_of_the_events_kraj(client, request, coalition, role, allowed):
    event = EventFactory()
    log_in_as(client, request, role)
    response = client.post(photo_upload_url(coalition, event=event.pk), photo_data())
    assert Photo.objects.filter(event=event).exists() is allowed
    assert response.status_code == (302 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", ["public", "members"])
def test_photo_file_is_permission_checked_like_internal_material(client, request, coalition, role,
                                                                  visibility):
    coalition.visibility = visibility
    coalition.save()
    photo = PhotoFactory(meeting=MeetingFactory(coalition=coalition))
    log_in_as(client, request, role)
    response = client.get(reverse("coalitions:photo", args=[photo.pk]))
    allowed = visibility == "public" or role in MEMBERS_ONLY_READERS
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.parametrize("role", ROLES)
def test_photos_of_unpublished_meetings_only_for_managers(client, request, coalition, role):
    photo = PhotoFactory(meeting=MeetingFactory(coalition=coalition, published=False))
    log_in_as(client, request, role)
    response = client.get(reverse("coalitions:photo", args=[photo.pk]))
    assert response.status_code == (200 if role in MANAGERS else 404)


def test_photo_file_and_thumbnail(client, coalition):
    photo = PhotoFactory(meeting=MeetingFactory(coalition=coalition))
    full = client.get(reverse("coalitions:photo", args=[photo.pk]))
    thumb = client.get(reverse("coalitions:photo", args=[photo.pk]), {"size": "thumb"})
    assert full["Content-Type"] == thumb["Content-Type"] == "image/png"
    assert full["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in full.get("Content-Disposition", "")
    with Image.open(io.BytesIO(content_of(full))) as image:
        assert image.size == (40, 30)
    with Image.open(io.BytesIO(content_of(thumb))) as image:
        assert image.size == (20, 15)


def test_event_photos_follow_the_event(client):
    published = PhotoFactory(meeting=None, event=EventFactory())
    hidden = PhotoFactory(meeting=None, event=EventFactory(published=False))
    assert client.get(reverse("coalitions:photo", args=[published.pk])).status_code == 200
    assert client.get(reverse("coalitions:photo", args=[hidden.pk])).status_code == 404


def test_gallery_partial_shows_thumbnails_with_alt_text_linking_to_the_photo(coalition):
    photos = PhotoFactory.create_batch(2, meeting=MeetingFactory(coalition=coalition), caption="Diskuse")
    html = render_to_string("coalitions/_photo_gallery.html", {"photos": photos})
    for photo in photos:
        url = reverse("coalitions:photo", args=[photo.pk])
        assert f'<a href="{url}"><img src="{url}?size=thumb" alt="{photo.alt_text}"' in html
    assert html.count("<figcaption>Diskuse</figcaption>") == 2
    assert render_to_string("coalitions/_photo_gallery.html", {"photos": []}).strip() == ""


def test_home_kraj_is_the_coordinators():
    # The role fixtures rely on it: the factories' coalitions lie in the coordinator's kraj.
    assert CoalitionFactory().kraj == home_kraj() and Kraj.objects.count() > 1

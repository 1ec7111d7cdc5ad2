"""The admin upload of a registry file in a real browser: a partial file is previewed, the coordinator confirms
it without ending the services missing from it, and every page of the journey passes axe under the CSP."""

import copy
import json

import pytest

from services.importers.rpss import import_rpss
from services.models import ImportRun, Service
from territory.models import home_kraj
from tests.browser import assert_no_axe_violations, assert_no_console_problems, log_in
from tests.accounts.factories import PASSWORD, UserFactory
from tests.services.test_import import SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _check(page, axe_source):
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, axe_source)
    assert_no_console_problems(page)


def test_a_coordinator_previews_a_partial_file_and_confirms_it(page, live_server, axe_source, tmp_path):
    import_rpss(SAMPLE)
    active = Service.objects.active().count()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    partial = copy.deepcopy(data)
    partial["polozky"] = data["polozky"][:3]
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps(partial, ensure_ascii=False), encoding="utf-8")
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/en/admin/services/importrun/upload/")
    _check(page, axe_source)
    page.locator("#id_file").set_input_files(str(path))
    page.locator("input[name=kraje]").first.check()
    page.locator("#content-main input[type=submit]").click()
    page.wait_for_load_state()

    _check(page, axe_source)  # the preview
    assert page.get_by_text("Preview: nothing has been changed yet").is_visible()
    assert page.locator("#id_end_missing").is_visible()
    page.get_by_role("button", name="Confirm and apply").click()
    page.wait_for_load_state()

    _check(page, axe_source)  # the report
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE and not run.dry_run and run.confirmed_by == coordinator
    assert Service.objects.active().count() == active  # nothing missing from the file was ended

"""A fresh worker warms itself before its first request (portal/warmup.py): templates compiled, the registry's
facet index built; and a failure while warming never stops the worker."""

from unittest import mock

import pytest
from django.template import engines

from portal import warmup
from services import facet_index
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


def test_warming_builds_the_facet_index_and_compiles_the_main_templates(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    make_service(name="Domov Alfa")
    facet_index._index = None
    loader = engines["django"].engine.template_loaders[0]  # the cached loader (DEBUG is off)
    loader.reset()
    warmup.warm_up()
    assert facet_index._index is not None and facet_index._index.key == facet_index.current_key()[0]
    assert "services/service_list.html" in loader.get_template_cache


def test_a_failure_while_warming_is_logged_and_the_worker_starts(caplog):
    with mock.patch("services.facet_index.index", side_effect=OSError("database away")):
        seconds = warmup.warm_up()
    assert seconds >= 0
    assert "Warm-up of the worker failed" in caplog.text

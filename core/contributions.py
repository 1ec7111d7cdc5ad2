"""What apps contribute to pages assembled from several apps (the coordinators' dashboard, a person's profile),
found by convention the way the admin finds `admin.py` modules: an app that contributes to a page has a module
named for it with a function of an agreed name. The page asks here instead of importing the apps, so that a lower
layer (accounts, core) never imports a higher one and an app can be added or removed without touching the page.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def _app_modules(module: str) -> tuple:
    """`<app>.<module>` of every installed app that has one, in the order of INSTALLED_APPS; looked up once per
    process (finding that an app has no such module asks the file system, on every page that gathers)."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.{module}"
        if find_spec(name) is not None:
            found.append(import_module(name))
    return tuple(found)


@receiver(setting_changed)
def _installed_apps_changed(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _app_modules.cache_clear()


def gather(module: str, function: str, *args, **kwargs) -> list:
    """`<app>.<module>.<function>(*args, **kwargs)` of every installed app that has it, in the order of
    INSTALLED_APPS; each returns a list, and the lists are joined."""
    found = []
    for contributor in _app_modules(module):
        contribute = getattr(contributor, function, None)
        if contribute is not None:
            found.extend(contribute(*args, **kwargs))
    return found


def declarations(module: str, attribute: str) -> list:
    """The value of `<app>.<module>.<attribute>` of every installed app that declares it, in INSTALLED_APPS order
    (e.g. the role permissions each app declares in its permissions.py)."""
    return [value for contributor in _app_modules(module)
            if (value := getattr(contributor, attribute, None)) is not None]

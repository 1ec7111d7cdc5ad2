"""Small helpers that read settings from the environment and fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, *, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_str(name: str, *, default: str | None = None, dev_default: str | None = None, debug: bool = False) -> str:
    """Read a string. A `dev_default` is used only while DEBUG is on; in production the variable is required."""
    value = os.environ.get(name)
    if value:
        return value
    if dev_default is not None:
        if debug:
            return dev_default
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off")
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set")
    return default


def env_list(name: str, *, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]

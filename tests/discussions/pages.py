"""Reading forum pages in tests: a page's HTML (asserting it answered) and the English address of a forum view."""

from django.urls import reverse
from django.utils import translation


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def url_of(name, *args) -> str:
    with translation.override("en"):
        return reverse(f"discussions:{name}", args=args)

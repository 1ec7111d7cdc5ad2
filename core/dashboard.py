"""What an app gives the coordinators' dashboard (/koordinace/, portal/dashboard.py), and the contract for it.

The dashboard imports no app: it gathers (core.contributions) from every installed app that has a module
`<app>/dashboard.py`

- `attention_items(user, kraje) -> list[Item]`: the numbers that need attention in the kraje (a list of Kraj
  primary keys) that `user` coordinates, each linked to the list showing exactly those records (usually an
  admin changelist filtered with `admin_list()`). Counted in a fixed number of queries, however many records
  there are: the page's query count is pinned by tests/portal/test_dashboard.py.
- optionally `panels(user, kraje) -> list[Panel]`: the app's own markup under the numbers of one of its
  sections (the registry's last import, for one).

Order on the page: by `Item.order`, then in the order the app returns them; sections appear in the order of
their first item, and panels come after the numbers of their section. INSTALLED_APPS order does not count,
so that the page keeps its order when apps are added. The numbers in use (leave gaps for new apps):

    10  Registry     services/dashboard.py
    20  Forum        discussions/dashboard.py (the offers board adds to its count: discussions/offers/dashboard.py)
    30  Coalitions   coalitions/dashboard.py
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise


@dataclass
class Item:
    """One number that needs attention, with the filtered list it links to."""

    key: str  # unique on the page: the element id is attention-<key>
    section: str | Promise  # the heading it is listed under
    label: str | Promise
    count: int
    url: str
    order: int  # the place of its section on the page (see the table above)


@dataclass
class Panel:
    """A block of an app's own markup under the numbers of a section: `template` rendered with `context`."""

    section: str | Promise
    template: str
    context: dict = field(default_factory=dict)


def admin_list(name: str, **params) -> str:
    """The admin changelist of `name` ("app_label_model"), filtered by `params` (its list filters)."""
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url

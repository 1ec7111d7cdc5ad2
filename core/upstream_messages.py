"""Messages of Django 6 that its own Czech catalogue leaves untranslated, taken into the portal's catalogue so
that forms and the admin never show English in Czech ("- Select an option -", "Search %(name)s" …).

Django looks up a message in the project's LOCALE_PATHS first, so a translation here fills the gap. Nothing
calls these functions: the module exists for `makemessages`. tests/portal/test_catalogue.py checks that every
message of Django's catalogues a Czech page can show is translated somewhere.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

UPSTREAM = [
    gettext_noop("- Select an option -"),  # Django 6 BLANK_CHOICE_LABEL: the empty choice of a select
    gettext_noop("Search %(name)s"),  # admin/search_form.html
    gettext_noop("Filter by %(field_name)s"),  # admin/filter.html
    gettext_noop("Pagination %(name)s"),  # admin/pagination.html
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Logout"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("No %s matches the given query."),
    gettext_noop("“%(value)s” is not a valid binary value."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but "
                 "your account doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
                 "protected related objects:"),
    gettext_noop("Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following "
                 "related items will be deleted:"),
    gettext_noop("Show all"),  # admin/pagination.html
]
# Plural messages: (singular, plural); the call below is what makemessages reads.
UPSTREAM_PLURALS = [
    ("…and %(count)d more object.", "…and %(count)d more objects."),
]
_EXTRACTED = ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count")

"""The authentication backends (settings.AUTHENTICATION_BACKENDS): Django's and allauth's, with the person of a
signed-in request read from the process's memory instead of the database on every request.

The person is remembered under the generation of "people" (core.pagecache.remember), which any write to an
account or to its groups changes: a changed password (the session check compares its hash), a deactivated
account or a new role is seen on the next request. Each request gets its own copy, so what a request keeps on
its person (permission caches, the forum's answers) stays with that request. With the page cache off (the
tests) the person is read from the database each time, as Django does.
"""

import copy

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from core import pagecache


class RememberedPerson:
    def get_user(self, user_id):
        user = pagecache.remember(("people",), ("auth-user", user_id), lambda: super(RememberedPerson, self)
                                  .get_user(user_id), by_language=False)
        return copy.copy(user) if user is not None else None


class ModelBackend(RememberedPerson, DjangoModelBackend):
    pass


class AuthenticationBackend(RememberedPerson, AllauthBackend):
    pass

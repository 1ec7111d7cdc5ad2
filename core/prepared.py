"""Hot per-request queries compiled once: Django compiles a queryset to SQL every time it runs (about 1–2 ms for
one with a few subqueries: more than PostgreSQL needs to answer it). A query whose shape never changes, only
its values (the person, the thread), is written once as a queryset and compiled once per database connection;
each run sends the same SQL with the new values and converts the rows as Django would:

    VIEWER = PreparedValues(lambda user, thread: Thread.objects.filter(pk=thread).values_list(
        Exists(Watch.objects.filter(user=user, thread=thread)), ...))
    watching, ... = VIEWER.first(user=request.user.pk, thread=thread.pk)

The builder is called with stand-in numbers for its arguments, and the compiled parameters that equal them are
the places the run's values go; a stand-in found nowhere, or a builder whose query does not keep its values as
parameters, is an error at the first run, not a wrong answer. Only primary keys (big integers, as every model's
here) are arguments. Any other value the builder puts in the query is fixed at the first run: a query that needs
the time now, or anything else that changes, is not one for this (write it as a plain queryset).
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections

# Stand-ins no primary key reaches; each argument gets its own.
_STAND_IN = 7_340_000_000_000_000_000


class PreparedValues:
    def __init__(self, build: Callable, *, using: str = DEFAULT_DB_ALIAS):
        self.build, self.using = build, using
        self.names = build.__code__.co_varnames[:build.__code__.co_argcount]

    def _compiled(self):
        """(compiler, sql, params, {position: argument}) for this thread's connection, compiled on first use."""
        connection = connections[self.using]
        kept = connection.__dict__.setdefault("_prepared_values", {})
        found = kept.get(self)
        if found is None:
            stand_ins = {name: _STAND_IN + index for index, name in enumerate(self.names)}
            queryset = self.build(**stand_ins)
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            places = {position: name for position, value in enumerate(params) for name, stand_in
                      in stand_ins.items() if value == stand_in}
            missing = set(self.names) - set(places.values())
            if missing:
                raise ValueError(f"The prepared query does not pass {', '.join(sorted(missing))} as a parameter.")
            found = kept[self] = (compiler, sql, list(params), places)
        return found

    def all(self, **values: int) -> list[tuple]:
        compiler, sql, params, places = self._compiled()
        params = list(params)
        for position, name in places.items():
            params[position] = int(values[name])
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return list(compiler.results_iter(results=[rows], tuple_expected=True))

    def first(self, **values: int) -> tuple | None:
        rows = self.all(**values)
        return rows[0] if rows else None

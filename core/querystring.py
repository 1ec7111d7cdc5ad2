"""Query strings of the filtered lists (service search, coalitions' outputs)."""


def without_empty(data):
    """A mutable copy of the query `data` (a QueryDict) without empty values, and without the parameters that
    are left with none: `?q=&type=&type=3` becomes `?type=3`, so links built from a search stay short."""
    data = data.copy()
    for key in list(data):
        values = [value for value in data.getlist(key) if value]
        if values:
            data.setlist(key, values)
        else:
            del data[key]
    return data

"""Pagination of the portal's filtered lists, with what templates/portal/_pagination.html needs."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, items, *, per_page: int = PAGE_SIZE, query: str | None = None, count: int | None = None):
    """The requested page of `items` (a bad or too large page number gives the last or first page).

    Returns (page, context): the context holds `page`, `page_range` (elided) and `page_query`, the query
    string the page links keep (by default the request's own parameters without `page`). Pass `count`
    when the total is already known, to save the COUNT query.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    if query is None:
        params = request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
    return page, {"page": page, "page_query": query,
                  "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)}

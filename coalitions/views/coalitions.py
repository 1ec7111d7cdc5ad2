from django.shortcuts import render


def coalition_list(request):
    """Coalitions of the region (being built)."""
    return render(request, "coalitions/index.html")


def coalition_detail(request, slug):
    from django.http import Http404

    raise Http404

from django.shortcuts import render


def index(request):
    """The registry of social services (search arrives with the registry models)."""
    return render(request, "services/index.html", {"query": request.GET.get("q", "")[:200]})


def capacity(request):
    """Regional capacity overview."""
    return render(request, "services/capacity.html")

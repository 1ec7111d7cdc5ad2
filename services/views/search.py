from django.shortcuts import render


def service_list(request):
    """Search the registry (being built: helper A)."""
    return render(request, "services/index.html", {"query": request.GET.get("q", "")[:200]})

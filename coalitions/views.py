from django.shortcuts import render


def index(request):
    """Partnership coalitions, working groups and coordination groups of the region."""
    return render(request, "coalitions/index.html")


def events(request):
    """Events of the region: fairs of social services, round tables, conferences, courses."""
    return render(request, "coalitions/events.html")

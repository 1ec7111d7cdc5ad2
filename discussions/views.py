from django.shortcuts import render


def index(request):
    """The professional forum and the board of offers and requests."""
    return render(request, "discussions/index.html")

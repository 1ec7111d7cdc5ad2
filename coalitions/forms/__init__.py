"""Forms of coalitions, one module per feature (documents, meetings, minutes); the list filters are in coalitions/filters.py."""

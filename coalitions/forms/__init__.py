"""Forms of coalitions, one module per feature (documents, meetings, events)."""

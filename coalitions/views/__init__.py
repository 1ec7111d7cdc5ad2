"""Views of coalitions, one module per feature: coalitions (+ documents, photos), meetings (+ minutes,
tasks, registration), events, calendars (iCalendar and Atom feeds)."""

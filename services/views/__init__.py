"""Views of the registry, one module per feature: search, detail (service, provider, correction), capacity.
What a record's pages show is services/presenters.py; the feed of changed services is services/feeds.py."""

"""Views of the registry, one module per feature: search, detail (service, provider, feed), capacity."""

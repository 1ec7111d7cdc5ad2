"""Views of education, split by feature (catalogue, records, organisation, kraj, supervisors, quality)."""

"""Importers of outside data into the registry (the national registry of social services: rpss.py)."""

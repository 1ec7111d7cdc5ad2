"""Views of the forum: reading and writing (forum.py), flags and moderation (moderation.py)."""

"""What the coalition admin (coalitions/admin.py) needs from the role groups (accounts/roles.py); checked by
tests/coalitions/test_admin_comfort.py."""

NEEDED = {
    "regional-coordinator": [
        f"coalitions.{action}_{model}"
        for model, actions in {
            "coalition": ("view", "add", "change"), "membership": ("view", "add", "change", "delete"),
            "meeting": ("view", "add", "change"), "agendaitem": ("view", "add", "change", "delete"),
            "registration": ("view", "change"), "minutes": ("view", "add", "change"),
            "task": ("view", "add", "change"), "document": ("view", "add", "change"),
            "photo": ("view", "change", "delete"), "event": ("view", "add", "change", "delete"),
            "eventregistration": ("view",),
        }.items() for action in actions],
    "coalition-coordinator": [
        f"coalitions.{action}_{model}"
        for model in ("meeting", "agendaitem", "minutes", "membership", "document")
        for action in ("view", "add", "change")] + ["coalitions.view_registration"],
}


"""Read-only Open Referral HSDS 3.1 API of the registry (plain Django views, JSON)."""

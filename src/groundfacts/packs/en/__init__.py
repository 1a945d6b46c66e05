"""English language pack (data only)."""

"""Indonesian language pack (data only); it also serves Malay."""

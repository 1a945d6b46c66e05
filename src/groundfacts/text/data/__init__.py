"""Data files of the text stages (abbreviation defaults, language-id settings)."""

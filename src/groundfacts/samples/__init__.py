"""Bundled demo articles (English, Indonesian), read with importlib.resources by the demo."""

"""The processing stages, as plain functions: HTML -> article (extract) -> events (tag)."""

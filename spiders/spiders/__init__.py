"""Spiders: `generic` (any site from start URLs and an article URL pattern) and per-source adapters."""

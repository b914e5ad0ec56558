"""Demo data for p2pnews: a mock finance news site and its WARC archive (see demo/README.md)."""

"""p2pnews: Chinese P2P-lending news -> WARC -> articles -> events -> DuckDB."""

__version__ = "0.1.0"

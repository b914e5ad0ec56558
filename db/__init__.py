"""DuckDB storage: connections with migrations and lock handling, batched writes, exports."""
from db.connect import DatabaseLocked, DatabaseOutdated, DatabaseUnavailable, connect, session  # noqa: F401

"""DuckDB storage: connections with migrations and lock handling, batched writes, exports."""
from db.connect import DatabaseLocked, connect, session  # noqa: F401

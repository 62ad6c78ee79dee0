"""The one place that reads the environment."""

import os

import dj_database_url


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# SQLite: readers never wait for a writer (WAL), a commit waits for the disk only at checkpoints
# (safe with WAL), 64 MB of page cache and 256 MB memory-mapped per connection, and a writer
# waits up to 5 s for another instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
    "PRAGMA mmap_size=268435456; PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY"
)


# PostgreSQL: a random read costs about what a sequential one does when the tables sit in memory or
# on SSD (the stock 4 is for spinning disks). With 4, a 50-row list joined its units by hashing
# every unit of every province (5 206) instead of looking up 50; a province's dashboard with five
# provinces in the database took 115 ms against 65. PG_RANDOM_PAGE_COST overrides it.
def _postgres_options() -> str:
    cost = float(env_str("PG_RANDOM_PAGE_COST", "1.1"))  # a number, not more options
    return f"-c random_page_cost={cost}"


def env_database(default_url: str) -> dict:
    """The database from DATABASE_URL; a worker keeps its connection a minute (no connect per request,
    and no health-check query before each one: a broken connection fails one request and is dropped)."""
    config = dj_database_url.parse(os.environ.get("DATABASE_URL") or default_url, conn_max_age=60)
    if config["ENGINE"].endswith("sqlite3"):
        config.setdefault("OPTIONS", {}).setdefault("init_command", SQLITE_PRAGMAS)
    elif "postgresql" in config["ENGINE"]:
        config.setdefault("OPTIONS", {}).setdefault("options", _postgres_options())
    return config

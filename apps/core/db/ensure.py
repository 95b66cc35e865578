"""Create a PostgreSQL database (UTF-8 collation and ctype) if it does not exist yet.

`python -m apps.core.db.ensure postgres://user@host:5432/name` — used by `make serve` and
`make bench` so that they work on a fresh machine. Not Django: the database may not exist yet.
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def ensure_database(url: str) -> bool:
    """True if the database was created, False if it was there already."""
    config = dj_database_url.parse(url)
    name = config["NAME"]
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        # UTF-8 ctype, as the test databases get: pg_trgm and bigram search need it for Japanese.
        create = "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        connection.execute(sql.SQL(create).format(sql.Identifier(name)))
    return True


if __name__ == "__main__":
    for database_url in sys.argv[1:]:
        if ensure_database(database_url):
            print(f"created database {dj_database_url.parse(database_url)['NAME']}")

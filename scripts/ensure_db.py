"""Create the PostgreSQL database named in DATABASE_URL if it does not exist (local convenience)."""

import os
import sys
from urllib.parse import urlparse, urlunparse

import psycopg
from psycopg import sql

url = os.environ["DATABASE_URL"]
name = urlparse(url).path.lstrip("/")
admin_url = urlunparse(urlparse(url)._replace(path="/postgres"))
try:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
except psycopg.Error as error:
    print(f"Could not prepare database {name}: {error}", file=sys.stderr)
    sys.exit(1)

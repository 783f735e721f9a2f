"""Alembic's environment for the benchmark: online migrations against BENCH_DATABASE_URL, as SARK's own env.py ran them."""
import os

from alembic import context
from sqlalchemy import create_engine

engine = create_engine(os.environ["BENCH_DATABASE_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()

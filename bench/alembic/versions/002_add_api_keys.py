"""SARK revision 002_add_api_keys, for the benchmark: the statements pg_dump shows it added, and their reverse (reference.py)."""
import os
import sys

from alembic import op

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import reference  # noqa: E402

revision = '002_add_api_keys'
down_revision = '001_initial'
branch_labels = None
depends_on = None


def upgrade():
    for statement in reference.added('002_api_keys'):
        op.execute(statement)


def downgrade():
    for statement in reference.dropped('002_api_keys'):
        op.execute(statement)

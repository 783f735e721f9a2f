"""SARK revision 001_initial, for the benchmark: the statements pg_dump shows it added, and their reverse (reference.py)."""
import os
import sys

from alembic import op

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import reference  # noqa: E402

revision = '001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    for statement in reference.added('001_initial'):
        op.execute(statement)


def downgrade():
    for statement in reference.dropped('001_initial'):
        op.execute(statement)

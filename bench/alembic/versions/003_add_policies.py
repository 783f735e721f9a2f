"""SARK revision 003_add_policies, for the benchmark: the statements pg_dump shows it added, and their reverse (reference.py)."""
import os
import sys

from alembic import op

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import reference  # noqa: E402

revision = '003_add_policies'
down_revision = '002_add_api_keys'
branch_labels = None
depends_on = None


def upgrade():
    for statement in reference.added('003_policies'):
        op.execute(statement)


def downgrade():
    for statement in reference.dropped('003_policies'):
        op.execute(statement)

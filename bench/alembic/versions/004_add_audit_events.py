"""SARK revision 004_add_audit_events, for the benchmark: the statements pg_dump shows it added, and their reverse (reference.py)."""
import os
import sys

from alembic import op

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import reference  # noqa: E402

revision = '004_add_audit_events'
down_revision = '003_add_policies'
branch_labels = None
depends_on = None


def upgrade():
    for statement in reference.added('004_audit_events'):
        op.execute(statement)


def downgrade():
    for statement in reference.dropped('004_audit_events'):
        op.execute(statement)

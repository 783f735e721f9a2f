"""SARK revision 004_add_audit_events, for the benchmark: the statements pg_dump shows it added, and their reverse
(generated from shared/reference/sark-schema/004_audit_events.sql; see bench/alembic/README.md)."""
from alembic import op

revision = '004_add_audit_events'
down_revision = '003_add_policies'
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE TYPE public.auditeventtype AS ENUM (\n    'server_registered',\n    'server_updated',\n    'server_decommissioned',\n    'tool_invoked',\n    'authorization_allowed',\n    'authorization_denied',\n    'policy_created',\n    'policy_updated',\n    'policy_activated',\n    'user_login',\n    'user_logout',\n    'security_violation'\n)",
    'ALTER TYPE public.auditeventtype OWNER TO postgres',
    "CREATE TYPE public.severitylevel AS ENUM (\n    'low',\n    'medium',\n    'high',\n    'critical'\n)",
    'ALTER TYPE public.severitylevel OWNER TO postgres',
    'CREATE TABLE public.audit_events (\n    id uuid NOT NULL,\n    "timestamp" timestamp with time zone DEFAULT now() NOT NULL,\n    event_type public.auditeventtype NOT NULL,\n    severity public.severitylevel DEFAULT \'low\'::public.severitylevel NOT NULL,\n    user_id uuid,\n    user_email character varying(255),\n    server_id uuid,\n    tool_name character varying(255),\n    decision character varying(20),\n    policy_id uuid,\n    ip_address character varying(45),\n    user_agent character varying(500),\n    request_id character varying(100),\n    details jsonb DEFAULT \'{}\'::jsonb NOT NULL,\n    siem_forwarded timestamp with time zone\n)',
    'ALTER TABLE public.audit_events OWNER TO postgres',
    'ALTER TABLE ONLY public.audit_events\n    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id)',
    'CREATE INDEX ix_audit_events_event_type ON public.audit_events USING btree (event_type)',
    'CREATE INDEX ix_audit_events_request_id ON public.audit_events USING btree (request_id)',
    'CREATE INDEX ix_audit_events_server_id ON public.audit_events USING btree (server_id)',
    'CREATE INDEX ix_audit_events_timestamp ON public.audit_events USING btree ("timestamp")',
    'CREATE INDEX ix_audit_events_tool_name ON public.audit_events USING btree (tool_name)',
    'CREATE INDEX ix_audit_events_user_id ON public.audit_events USING btree (user_id)',
]

DOWNGRADE = [
    'DROP TABLE public.audit_events',
    'DROP TYPE public.auditeventtype, public.severitylevel',
]


def upgrade():
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    for statement in DOWNGRADE:
        op.execute(statement)

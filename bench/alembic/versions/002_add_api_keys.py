"""SARK revision 002_add_api_keys, for the benchmark: the statements pg_dump shows it added, and their reverse
(generated from shared/reference/sark-schema/002_api_keys.sql; see bench/alembic/README.md)."""
from alembic import op

revision = '002_add_api_keys'
down_revision = '001_initial'
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE TABLE public.api_keys (\n    id uuid NOT NULL,\n    user_id uuid NOT NULL,\n    team_id uuid,\n    name character varying(255) NOT NULL,\n    description text,\n    key_prefix character varying(16) NOT NULL,\n    key_hash character varying(255) NOT NULL,\n    scopes character varying[] DEFAULT '{}'::character varying[] NOT NULL,\n    rate_limit integer DEFAULT 1000 NOT NULL,\n    is_active boolean DEFAULT true NOT NULL,\n    expires_at timestamp without time zone,\n    last_used_at timestamp without time zone,\n    last_used_ip character varying(45),\n    usage_count integer DEFAULT 0 NOT NULL,\n    created_at timestamp without time zone DEFAULT now() NOT NULL,\n    updated_at timestamp without time zone DEFAULT now() NOT NULL,\n    revoked_at timestamp without time zone,\n    revoked_by uuid\n)",
    'ALTER TABLE public.api_keys OWNER TO postgres',
    "COMMENT ON COLUMN public.api_keys.scopes IS 'List of permission scopes (e.g., ''server:read'', ''server:write'')'",
    "COMMENT ON COLUMN public.api_keys.rate_limit IS 'Maximum requests per minute'",
    'ALTER TABLE ONLY public.api_keys\n    ADD CONSTRAINT api_keys_key_prefix_key UNIQUE (key_prefix)',
    'ALTER TABLE ONLY public.api_keys\n    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id)',
    'CREATE INDEX ix_api_keys_expires_at ON public.api_keys USING btree (expires_at)',
    'CREATE INDEX ix_api_keys_is_active ON public.api_keys USING btree (is_active)',
    'CREATE UNIQUE INDEX ix_api_keys_key_prefix ON public.api_keys USING btree (key_prefix)',
    'CREATE INDEX ix_api_keys_team_id ON public.api_keys USING btree (team_id)',
    'CREATE INDEX ix_api_keys_user_id ON public.api_keys USING btree (user_id)',
]

DOWNGRADE = [
    'DROP TABLE public.api_keys',
]


def upgrade():
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    for statement in DOWNGRADE:
        op.execute(statement)

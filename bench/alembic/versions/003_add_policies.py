"""SARK revision 003_add_policies, for the benchmark: the statements pg_dump shows it added, and their reverse
(generated from shared/reference/sark-schema/003_policies.sql; see bench/alembic/README.md)."""
from alembic import op

revision = '003_add_policies'
down_revision = '002_add_api_keys'
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE TYPE public.policystatus AS ENUM (\n    'draft',\n    'active',\n    'inactive',\n    'deprecated'\n)",
    'ALTER TYPE public.policystatus OWNER TO postgres',
    "CREATE TYPE public.policytype AS ENUM (\n    'authorization',\n    'validation',\n    'transformation',\n    'audit'\n)",
    'ALTER TYPE public.policytype OWNER TO postgres',
    "CREATE TABLE public.policies (\n    id uuid NOT NULL,\n    name character varying(255) NOT NULL,\n    description character varying(1000),\n    policy_type public.policytype DEFAULT 'authorization'::public.policytype NOT NULL,\n    status public.policystatus DEFAULT 'draft'::public.policystatus NOT NULL,\n    current_version_id uuid,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL\n)",
    'ALTER TABLE public.policies OWNER TO postgres',
    'CREATE TABLE public.policy_versions (\n    id uuid NOT NULL,\n    policy_id uuid NOT NULL,\n    version integer NOT NULL,\n    content text NOT NULL,\n    is_active boolean DEFAULT false NOT NULL,\n    tested boolean DEFAULT false NOT NULL,\n    created_by uuid,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    notes text\n)',
    'ALTER TABLE public.policy_versions OWNER TO postgres',
    'ALTER TABLE ONLY public.policies\n    ADD CONSTRAINT policies_name_key UNIQUE (name)',
    'ALTER TABLE ONLY public.policies\n    ADD CONSTRAINT policies_pkey PRIMARY KEY (id)',
    'ALTER TABLE ONLY public.policy_versions\n    ADD CONSTRAINT policy_versions_pkey PRIMARY KEY (id)',
    'CREATE UNIQUE INDEX ix_policies_name ON public.policies USING btree (name)',
    'CREATE INDEX ix_policy_versions_policy_id ON public.policy_versions USING btree (policy_id)',
    'CREATE UNIQUE INDEX ix_policy_versions_version ON public.policy_versions USING btree (policy_id, version)',
    'ALTER TABLE ONLY public.policies\n    ADD CONSTRAINT fk_policies_current_version FOREIGN KEY (current_version_id) REFERENCES public.policy_versions(id) ON DELETE SET NULL',
    'ALTER TABLE ONLY public.policy_versions\n    ADD CONSTRAINT policy_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL',
    'ALTER TABLE ONLY public.policy_versions\n    ADD CONSTRAINT policy_versions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE',
]

DOWNGRADE = [
    'DROP TABLE public.policies, public.policy_versions',
    'DROP TYPE public.policystatus, public.policytype',
]


def upgrade():
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    for statement in DOWNGRADE:
        op.execute(statement)

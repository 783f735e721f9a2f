"""SARK revision 001_initial, for the benchmark: the statements pg_dump shows it added, and their reverse
(generated from shared/reference/sark-schema/001_initial.sql; see bench/alembic/README.md)."""
from alembic import op

revision = '001_initial'
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE TYPE public.sensitivitylevel AS ENUM (\n    'low',\n    'medium',\n    'high',\n    'critical'\n)",
    'ALTER TYPE public.sensitivitylevel OWNER TO postgres',
    "CREATE TYPE public.serverstatus AS ENUM (\n    'registered',\n    'active',\n    'inactive',\n    'unhealthy',\n    'decommissioned'\n)",
    'ALTER TYPE public.serverstatus OWNER TO postgres',
    "CREATE TYPE public.transporttype AS ENUM (\n    'http',\n    'stdio',\n    'sse'\n)",
    'ALTER TYPE public.transporttype OWNER TO postgres',
    "CREATE TABLE public.mcp_servers (\n    id uuid NOT NULL,\n    name character varying(255) NOT NULL,\n    description character varying(1000),\n    transport public.transporttype NOT NULL,\n    endpoint character varying(500),\n    command character varying(500),\n    mcp_version character varying(20) DEFAULT '2025-06-18'::character varying NOT NULL,\n    capabilities jsonb DEFAULT '[]'::jsonb NOT NULL,\n    sensitivity_level public.sensitivitylevel DEFAULT 'medium'::public.sensitivitylevel NOT NULL,\n    signature character varying(1000),\n    status public.serverstatus DEFAULT 'registered'::public.serverstatus NOT NULL,\n    health_endpoint character varying(500),\n    last_health_check timestamp with time zone,\n    owner_id uuid,\n    team_id uuid,\n    consul_id character varying(255),\n    tags jsonb DEFAULT '[]'::jsonb NOT NULL,\n    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL\n)",
    'ALTER TABLE public.mcp_servers OWNER TO postgres',
    "CREATE TABLE public.mcp_tools (\n    id uuid NOT NULL,\n    server_id uuid NOT NULL,\n    name character varying(255) NOT NULL,\n    description text,\n    parameters_schema jsonb DEFAULT '{}'::jsonb NOT NULL,\n    sensitivity_level public.sensitivitylevel DEFAULT 'medium'::public.sensitivitylevel NOT NULL,\n    requires_approval boolean DEFAULT false NOT NULL,\n    signature character varying(1000),\n    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL\n)",
    'ALTER TABLE public.mcp_tools OWNER TO postgres',
    "CREATE TABLE public.teams (\n    id uuid NOT NULL,\n    name character varying(255) NOT NULL,\n    description character varying(1000),\n    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL\n)",
    'ALTER TABLE public.teams OWNER TO postgres',
    'CREATE TABLE public.user_teams (\n    user_id uuid NOT NULL,\n    team_id uuid NOT NULL\n)',
    'ALTER TABLE public.user_teams OWNER TO postgres',
    "CREATE TABLE public.users (\n    id uuid NOT NULL,\n    email character varying(255) NOT NULL,\n    full_name character varying(255) NOT NULL,\n    hashed_password character varying(255) NOT NULL,\n    is_active boolean DEFAULT true NOT NULL,\n    is_admin boolean DEFAULT false NOT NULL,\n    role character varying(50) DEFAULT 'developer'::character varying NOT NULL,\n    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    updated_at timestamp with time zone DEFAULT now() NOT NULL\n)",
    'ALTER TABLE public.users OWNER TO postgres',
    'ALTER TABLE ONLY public.mcp_servers\n    ADD CONSTRAINT mcp_servers_consul_id_key UNIQUE (consul_id)',
    'ALTER TABLE ONLY public.mcp_servers\n    ADD CONSTRAINT mcp_servers_pkey PRIMARY KEY (id)',
    'ALTER TABLE ONLY public.mcp_tools\n    ADD CONSTRAINT mcp_tools_pkey PRIMARY KEY (id)',
    'ALTER TABLE ONLY public.teams\n    ADD CONSTRAINT teams_name_key UNIQUE (name)',
    'ALTER TABLE ONLY public.teams\n    ADD CONSTRAINT teams_pkey PRIMARY KEY (id)',
    'ALTER TABLE ONLY public.user_teams\n    ADD CONSTRAINT user_teams_pkey PRIMARY KEY (user_id, team_id)',
    'ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_email_key UNIQUE (email)',
    'ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id)',
    'CREATE UNIQUE INDEX ix_mcp_servers_consul_id ON public.mcp_servers USING btree (consul_id)',
    'CREATE INDEX ix_mcp_servers_name ON public.mcp_servers USING btree (name)',
    'CREATE INDEX ix_mcp_servers_owner_id ON public.mcp_servers USING btree (owner_id)',
    'CREATE INDEX ix_mcp_servers_team_id ON public.mcp_servers USING btree (team_id)',
    'CREATE INDEX ix_mcp_tools_name ON public.mcp_tools USING btree (name)',
    'CREATE INDEX ix_mcp_tools_server_id ON public.mcp_tools USING btree (server_id)',
    'CREATE UNIQUE INDEX ix_teams_name ON public.teams USING btree (name)',
    'CREATE INDEX ix_user_teams_team_id ON public.user_teams USING btree (team_id)',
    'CREATE INDEX ix_user_teams_user_id ON public.user_teams USING btree (user_id)',
    'CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email)',
    'ALTER TABLE ONLY public.mcp_servers\n    ADD CONSTRAINT mcp_servers_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE SET NULL',
    'ALTER TABLE ONLY public.mcp_servers\n    ADD CONSTRAINT mcp_servers_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE SET NULL',
    'ALTER TABLE ONLY public.mcp_tools\n    ADD CONSTRAINT mcp_tools_server_id_fkey FOREIGN KEY (server_id) REFERENCES public.mcp_servers(id) ON DELETE CASCADE',
    'ALTER TABLE ONLY public.user_teams\n    ADD CONSTRAINT user_teams_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE',
    'ALTER TABLE ONLY public.user_teams\n    ADD CONSTRAINT user_teams_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE',
]

DOWNGRADE = [
    'DROP TABLE public.mcp_servers, public.mcp_tools, public.teams, public.user_teams, public.users',
    'DROP TYPE public.sensitivitylevel, public.serverstatus, public.transporttype',
]


def upgrade():
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    for statement in DOWNGRADE:
        op.execute(statement)

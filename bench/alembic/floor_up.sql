CREATE TYPE public.sensitivitylevel AS ENUM (
    'low',
    'medium',
    'high',
    'critical'
);
ALTER TYPE public.sensitivitylevel OWNER TO postgres;
CREATE TYPE public.serverstatus AS ENUM (
    'registered',
    'active',
    'inactive',
    'unhealthy',
    'decommissioned'
);
ALTER TYPE public.serverstatus OWNER TO postgres;
CREATE TYPE public.transporttype AS ENUM (
    'http',
    'stdio',
    'sse'
);
ALTER TYPE public.transporttype OWNER TO postgres;
CREATE TABLE public.mcp_servers (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description character varying(1000),
    transport public.transporttype NOT NULL,
    endpoint character varying(500),
    command character varying(500),
    mcp_version character varying(20) DEFAULT '2025-06-18'::character varying NOT NULL,
    capabilities jsonb DEFAULT '[]'::jsonb NOT NULL,
    sensitivity_level public.sensitivitylevel DEFAULT 'medium'::public.sensitivitylevel NOT NULL,
    signature character varying(1000),
    status public.serverstatus DEFAULT 'registered'::public.serverstatus NOT NULL,
    health_endpoint character varying(500),
    last_health_check timestamp with time zone,
    owner_id uuid,
    team_id uuid,
    consul_id character varying(255),
    tags jsonb DEFAULT '[]'::jsonb NOT NULL,
    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.mcp_servers OWNER TO postgres;
CREATE TABLE public.mcp_tools (
    id uuid NOT NULL,
    server_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description text,
    parameters_schema jsonb DEFAULT '{}'::jsonb NOT NULL,
    sensitivity_level public.sensitivitylevel DEFAULT 'medium'::public.sensitivitylevel NOT NULL,
    requires_approval boolean DEFAULT false NOT NULL,
    signature character varying(1000),
    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.mcp_tools OWNER TO postgres;
CREATE TABLE public.teams (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description character varying(1000),
    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.teams OWNER TO postgres;
CREATE TABLE public.user_teams (
    user_id uuid NOT NULL,
    team_id uuid NOT NULL
);
ALTER TABLE public.user_teams OWNER TO postgres;
CREATE TABLE public.users (
    id uuid NOT NULL,
    email character varying(255) NOT NULL,
    full_name character varying(255) NOT NULL,
    hashed_password character varying(255) NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_admin boolean DEFAULT false NOT NULL,
    role character varying(50) DEFAULT 'developer'::character varying NOT NULL,
    extra_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.users OWNER TO postgres;
ALTER TABLE ONLY public.mcp_servers
    ADD CONSTRAINT mcp_servers_consul_id_key UNIQUE (consul_id);
ALTER TABLE ONLY public.mcp_servers
    ADD CONSTRAINT mcp_servers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.mcp_tools
    ADD CONSTRAINT mcp_tools_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_name_key UNIQUE (name);
ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.user_teams
    ADD CONSTRAINT user_teams_pkey PRIMARY KEY (user_id, team_id);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX ix_mcp_servers_consul_id ON public.mcp_servers USING btree (consul_id);
CREATE INDEX ix_mcp_servers_name ON public.mcp_servers USING btree (name);
CREATE INDEX ix_mcp_servers_owner_id ON public.mcp_servers USING btree (owner_id);
CREATE INDEX ix_mcp_servers_team_id ON public.mcp_servers USING btree (team_id);
CREATE INDEX ix_mcp_tools_name ON public.mcp_tools USING btree (name);
CREATE INDEX ix_mcp_tools_server_id ON public.mcp_tools USING btree (server_id);
CREATE UNIQUE INDEX ix_teams_name ON public.teams USING btree (name);
CREATE INDEX ix_user_teams_team_id ON public.user_teams USING btree (team_id);
CREATE INDEX ix_user_teams_user_id ON public.user_teams USING btree (user_id);
CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email);
ALTER TABLE ONLY public.mcp_servers
    ADD CONSTRAINT mcp_servers_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.mcp_servers
    ADD CONSTRAINT mcp_servers_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.mcp_tools
    ADD CONSTRAINT mcp_tools_server_id_fkey FOREIGN KEY (server_id) REFERENCES public.mcp_servers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_teams
    ADD CONSTRAINT user_teams_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_teams
    ADD CONSTRAINT user_teams_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
CREATE TABLE public.api_keys (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    team_id uuid,
    name character varying(255) NOT NULL,
    description text,
    key_prefix character varying(16) NOT NULL,
    key_hash character varying(255) NOT NULL,
    scopes character varying[] DEFAULT '{}'::character varying[] NOT NULL,
    rate_limit integer DEFAULT 1000 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    expires_at timestamp without time zone,
    last_used_at timestamp without time zone,
    last_used_ip character varying(45),
    usage_count integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT now() NOT NULL,
    updated_at timestamp without time zone DEFAULT now() NOT NULL,
    revoked_at timestamp without time zone,
    revoked_by uuid
);
ALTER TABLE public.api_keys OWNER TO postgres;
COMMENT ON COLUMN public.api_keys.scopes IS 'List of permission scopes (e.g., ''server:read'', ''server:write'')';
COMMENT ON COLUMN public.api_keys.rate_limit IS 'Maximum requests per minute';
ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_prefix_key UNIQUE (key_prefix);
ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);
CREATE INDEX ix_api_keys_expires_at ON public.api_keys USING btree (expires_at);
CREATE INDEX ix_api_keys_is_active ON public.api_keys USING btree (is_active);
CREATE UNIQUE INDEX ix_api_keys_key_prefix ON public.api_keys USING btree (key_prefix);
CREATE INDEX ix_api_keys_team_id ON public.api_keys USING btree (team_id);
CREATE INDEX ix_api_keys_user_id ON public.api_keys USING btree (user_id);
CREATE TYPE public.policystatus AS ENUM (
    'draft',
    'active',
    'inactive',
    'deprecated'
);
ALTER TYPE public.policystatus OWNER TO postgres;
CREATE TYPE public.policytype AS ENUM (
    'authorization',
    'validation',
    'transformation',
    'audit'
);
ALTER TYPE public.policytype OWNER TO postgres;
CREATE TABLE public.policies (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description character varying(1000),
    policy_type public.policytype DEFAULT 'authorization'::public.policytype NOT NULL,
    status public.policystatus DEFAULT 'draft'::public.policystatus NOT NULL,
    current_version_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.policies OWNER TO postgres;
CREATE TABLE public.policy_versions (
    id uuid NOT NULL,
    policy_id uuid NOT NULL,
    version integer NOT NULL,
    content text NOT NULL,
    is_active boolean DEFAULT false NOT NULL,
    tested boolean DEFAULT false NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    notes text
);
ALTER TABLE public.policy_versions OWNER TO postgres;
ALTER TABLE ONLY public.policies
    ADD CONSTRAINT policies_name_key UNIQUE (name);
ALTER TABLE ONLY public.policies
    ADD CONSTRAINT policies_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.policy_versions
    ADD CONSTRAINT policy_versions_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX ix_policies_name ON public.policies USING btree (name);
CREATE INDEX ix_policy_versions_policy_id ON public.policy_versions USING btree (policy_id);
CREATE UNIQUE INDEX ix_policy_versions_version ON public.policy_versions USING btree (policy_id, version);
ALTER TABLE ONLY public.policies
    ADD CONSTRAINT fk_policies_current_version FOREIGN KEY (current_version_id) REFERENCES public.policy_versions(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.policy_versions
    ADD CONSTRAINT policy_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.policy_versions
    ADD CONSTRAINT policy_versions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE;
CREATE TYPE public.auditeventtype AS ENUM (
    'server_registered',
    'server_updated',
    'server_decommissioned',
    'tool_invoked',
    'authorization_allowed',
    'authorization_denied',
    'policy_created',
    'policy_updated',
    'policy_activated',
    'user_login',
    'user_logout',
    'security_violation'
);
ALTER TYPE public.auditeventtype OWNER TO postgres;
CREATE TYPE public.severitylevel AS ENUM (
    'low',
    'medium',
    'high',
    'critical'
);
ALTER TYPE public.severitylevel OWNER TO postgres;
CREATE TABLE public.audit_events (
    id uuid NOT NULL,
    "timestamp" timestamp with time zone DEFAULT now() NOT NULL,
    event_type public.auditeventtype NOT NULL,
    severity public.severitylevel DEFAULT 'low'::public.severitylevel NOT NULL,
    user_id uuid,
    user_email character varying(255),
    server_id uuid,
    tool_name character varying(255),
    decision character varying(20),
    policy_id uuid,
    ip_address character varying(45),
    user_agent character varying(500),
    request_id character varying(100),
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    siem_forwarded timestamp with time zone
);
ALTER TABLE public.audit_events OWNER TO postgres;
ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);
CREATE INDEX ix_audit_events_event_type ON public.audit_events USING btree (event_type);
CREATE INDEX ix_audit_events_request_id ON public.audit_events USING btree (request_id);
CREATE INDEX ix_audit_events_server_id ON public.audit_events USING btree (server_id);
CREATE INDEX ix_audit_events_timestamp ON public.audit_events USING btree ("timestamp");
CREATE INDEX ix_audit_events_tool_name ON public.audit_events USING btree (tool_name);
CREATE INDEX ix_audit_events_user_id ON public.audit_events USING btree (user_id);

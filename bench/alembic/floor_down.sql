DROP TABLE public.audit_events;
DROP TYPE public.auditeventtype, public.severitylevel;
DROP TABLE public.policies, public.policy_versions;
DROP TYPE public.policystatus, public.policytype;
DROP TABLE public.api_keys;
DROP TABLE public.mcp_servers, public.mcp_tools, public.teams, public.user_teams, public.users;
DROP TYPE public.sensitivitylevel, public.serverstatus, public.transporttype;

-- Rows in every SARK table, with enum, jsonb, array, foreign-key and NULL values, and text that is not ASCII.
INSERT INTO users (id, email, full_name, hashed_password, is_admin, role, extra_metadata) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'ada@example.com', 'Ada Lovelace', '$2b$12$hash-a', true, 'admin', '{"theme": "dark", "langs": ["en", "fr"]}'),
  ('00000000-0000-0000-0000-0000000000a2', 'zoë@example.com', 'Zoë Ørsted', '$2b$12$hash-b', false, 'developer', '{}');
INSERT INTO teams (id, name, description, extra_metadata) VALUES
  ('00000000-0000-0000-0000-0000000000b1', 'platform', NULL, '{"cost_center": 42}');
INSERT INTO user_teams (user_id, team_id) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1'),
  ('00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-0000000000b1');
INSERT INTO mcp_servers (id, name, transport, endpoint, capabilities, sensitivity_level, status, owner_id, team_id, consul_id, tags) VALUES
  ('00000000-0000-0000-0000-0000000000c1', 'github', 'http', 'https://mcp.example.com', '["tools", "resources"]', 'high', 'active',
   '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 'consul-github', '["vcs"]');
INSERT INTO mcp_tools (id, server_id, name, description, parameters_schema, sensitivity_level, requires_approval) VALUES
  ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-0000000000c1', 'create_issue', 'Opens an issue',
   '{"type": "object", "required": ["title"]}', 'medium', false),
  ('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-0000000000c1', 'delete_repo', NULL, '{}', 'critical', true);
INSERT INTO api_keys (id, user_id, team_id, name, key_prefix, key_hash, scopes, rate_limit, expires_at, usage_count) VALUES
  ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1',
   'ci', 'sark_ab12', 'sha256:0f', ARRAY['servers:read', 'tools:invoke'], 500, '2027-01-01 00:00:00', 7);
INSERT INTO policies (id, name, policy_type, status) VALUES
  ('00000000-0000-0000-0000-0000000000f1', 'deny-critical', 'authorization', 'active');
INSERT INTO policy_versions (id, policy_id, version, content, is_active, tested, created_by, notes) VALUES
  ('00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-0000000000f1', 1, 'package sark\ndefault allow = false', false, true,
   '00000000-0000-0000-0000-0000000000a1', NULL),
  ('00000000-0000-0000-0000-0000000000f3', '00000000-0000-0000-0000-0000000000f1', 2, 'package sark\ndefault allow = true', true, true,
   '00000000-0000-0000-0000-0000000000a2', 'loosened');
UPDATE policies SET current_version_id = '00000000-0000-0000-0000-0000000000f3' WHERE id = '00000000-0000-0000-0000-0000000000f1';
INSERT INTO audit_events (id, "timestamp", event_type, severity, user_id, user_email, server_id, tool_name, decision, details) VALUES
  ('00000000-0000-0000-0000-000000000101', '2026-11-01 10:00:00+00', 'tool_invoked', 'low', '00000000-0000-0000-0000-0000000000a1',
   'ada@example.com', '00000000-0000-0000-0000-0000000000c1', 'create_issue', 'allow', '{"args": {"title": "bug"}}'),
  ('00000000-0000-0000-0000-000000000102', '2026-11-01 10:05:00+00', 'authorization_denied', 'critical', NULL, NULL,
   '00000000-0000-0000-0000-0000000000c1', 'delete_repo', 'deny', '{"reason": "policy deny-critical"}'),
  ('00000000-0000-0000-0000-000000000103', '2026-11-02 08:00:00+00', 'policy_updated', 'medium', '00000000-0000-0000-0000-0000000000a2',
   'zoë@example.com', NULL, NULL, NULL, '{}');

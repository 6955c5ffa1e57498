/** Projects (assets), scans, findings, per-scan baseline states and finding history. */
export const migration0001Init = `
create table projects (
  id uuid primary key,
  name text not null unique check (name <> ''),
  root_path text not null,
  -- Asset attributes for prioritisation: owner, businessService, criticality, exposure, dataClassification.
  attributes jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table scans (
  id uuid primary key,
  project_id uuid not null references projects (id) on delete cascade,
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  tool_version text not null,
  config_hash text not null,
  -- 'auto' until the engine resolves it; completeScan records the model actually used.
  threat_model text not null check (threat_model in ('application', 'library', 'auto')),
  counts jsonb,
  diagnostics jsonb not null default '[]'::jsonb,
  stats jsonb not null default '{}'::jsonb,
  error text
);
create index scans_project_started_idx on scans (project_id, started_at desc);

create table findings (
  id uuid primary key,
  project_id uuid not null references projects (id) on delete cascade,
  fingerprint text not null check (fingerprint <> ''),
  rule_id text not null check (rule_id <> ''),
  cwe text[] not null default '{}',
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  confidence text not null check (confidence in ('high', 'medium', 'low')),
  message text not null,
  explanation text not null,
  fix text not null,
  origin text not null check (origin in ('static', 'dependency', 'ai', 'import')),
  file text not null,
  start_line integer not null check (start_line >= 0),
  start_column integer not null check (start_column >= 0),
  end_line integer not null check (end_line >= 0),
  end_column integer not null check (end_column >= 0),
  snippet text,
  flow jsonb not null default '[]'::jsonb,
  properties jsonb,
  first_seen_scan_id uuid not null references scans (id),
  last_seen_scan_id uuid not null references scans (id),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  state text not null default 'open'
    check (state in ('open', 'proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted')),
  presence text not null default 'present' check (presence in ('present', 'absent')),
  unique (project_id, fingerprint)
);
create index findings_project_state_idx on findings (project_id, state);
create index findings_project_severity_idx on findings (project_id, severity);
create index findings_project_rule_idx on findings (project_id, rule_id);
create index findings_project_presence_idx on findings (project_id, presence);
create index findings_fingerprint_idx on findings (fingerprint);
-- Users type 8+ character id prefixes.
create index findings_id_prefix_idx on findings ((id::text) text_pattern_ops);

create table scan_findings (
  scan_id uuid not null references scans (id) on delete cascade,
  finding_id uuid not null references findings (id) on delete cascade,
  baseline_state text not null check (baseline_state in ('new', 'unchanged', 'reintroduced', 'absent')),
  primary key (scan_id, finding_id)
);
create index scan_findings_finding_idx on scan_findings (finding_id);

create table finding_events (
  id uuid primary key,
  -- Orders events written in the same transaction, whose "at" is equal.
  seq bigint generated always as identity,
  finding_id uuid not null references findings (id) on delete cascade,
  scan_id uuid references scans (id) on delete set null,
  at timestamptz not null default now(),
  actor text not null,
  kind text not null,
  from_state text,
  to_state text,
  reason text,
  data jsonb not null default '{}'::jsonb
);
create index finding_events_finding_idx on finding_events (finding_id, seq);
`;

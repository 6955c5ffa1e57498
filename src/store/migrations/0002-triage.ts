/**
 * Prioritisation: the tool that reported each finding (imports dedup against Yagura's own results),
 * risk acceptances with approver and expiry, and work items: findings collapsed by root cause, each with
 * its SSVC decision, the inputs that produced it, a CVSS 4.0 vector, a due date and a precomputed priority.
 */
export const migration0002Triage = `
alter table scans add column tool text not null default 'yagura' check (tool <> '');
alter table findings add column tool text not null default 'yagura' check (tool <> '');
alter table findings add column accepted_until timestamptz;
alter table findings add column accepted_by text;
create index findings_accepted_until_idx on findings (accepted_until) where state = 'risk-accepted';

create table work_items (
  id uuid primary key,
  project_id uuid not null references projects (id) on delete cascade,
  -- 'sink|<file>|<line>|<cwe>' or 'dep|<package>@<version>|<advisory>' or 'finding|<fingerprint>'.
  root_key text not null check (root_key <> ''),
  kind text not null check (kind in ('sink', 'dependency', 'finding')),
  title text not null,
  cwe text[] not null default '{}',
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  state text not null
    check (state in ('open', 'proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted')),
  -- Whether the item needs work: open, proven or fix-proposed.
  active boolean not null,
  decision text not null check (decision in ('track', 'track*', 'attend', 'act')),
  decision_table text not null,
  decision_inputs jsonb not null,
  cvss_vector text not null,
  cvss_score numeric(3, 1) not null,
  -- Higher first; decision dominates (see src/triage/priority.ts).
  priority bigint not null,
  file text not null,
  start_line integer not null,
  tools text[] not null default '{}',
  finding_count integer not null,
  opened_at timestamptz not null,
  decided_at timestamptz not null,
  -- Days the SLA policy gives the decision, counted from decided_at; null means "fix on next upgrade".
  sla_days integer check (sla_days >= 0),
  due_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (project_id, root_key)
);
-- The queue: active items, highest priority first, optionally per asset or decision, or overdue only.
create index work_items_queue_idx on work_items (priority desc, id) where active;
create index work_items_project_queue_idx on work_items (project_id, priority desc, id) where active;
create index work_items_decision_queue_idx on work_items (decision, priority desc, id) where active;
create index work_items_due_idx on work_items (due_at) where active;
create index work_items_state_idx on work_items (state, priority desc, id);
create index work_items_id_prefix_idx on work_items ((id::text) text_pattern_ops);

-- Which work item each finding belongs to. A narrow table: relinking 100,000 findings must not rewrite
-- 100,000 wide finding rows and all their indexes.
create table work_item_findings (
  finding_id uuid primary key references findings (id) on delete cascade,
  work_item_id uuid not null references work_items (id) on delete cascade
);
create index work_item_findings_item_idx on work_item_findings (work_item_id);
`;

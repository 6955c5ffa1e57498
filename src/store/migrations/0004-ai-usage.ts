/**
 * The AI layer's record: every model call (who, why, which provider and model, tokens, cost, latency,
 * SHA-256 of prompt and response, the finding it served; full text only when enabled) and the triage
 * verdicts a model gave on findings, kept beside them (never replacing the analyst's decision).
 */
export const migration0004AiUsage = `
create table ai_model_calls (
  id uuid primary key,
  at timestamptz not null,
  actor text not null check (actor <> ''),
  project_id uuid references projects (id) on delete set null,
  scan_id uuid references scans (id) on delete set null,
  -- The finding the call served: its id once stored, else its fingerprint (a candidate of the hunter).
  finding_id uuid references findings (id) on delete set null,
  finding_fingerprint text,
  purpose text not null check (purpose in ('hunt', 'triage', 'verify', 'patch', 'threat-model')),
  provider text not null check (provider in ('anthropic', 'openai')),
  model text not null,
  input_tokens integer not null check (input_tokens >= 0),
  output_tokens integer not null check (output_tokens >= 0),
  cost_usd numeric(16, 8) not null check (cost_usd >= 0),
  latency_ms integer not null check (latency_ms >= 0),
  attempts integer not null check (attempts >= 1),
  status text not null check (status in ('ok', 'error')),
  error text,
  prompt_sha256 text not null check (prompt_sha256 ~ '^[0-9a-f]{64}$'),
  response_sha256 text check (response_sha256 ~ '^[0-9a-f]{64}$'),
  -- Only when the configuration enables recording the full text.
  prompt_text text,
  response_text text
);
create index ai_model_calls_project_at_idx on ai_model_calls (project_id, at);
create index ai_model_calls_scan_idx on ai_model_calls (scan_id);
create index ai_model_calls_finding_idx on ai_model_calls (finding_id);

create table ai_triage_verdicts (
  id uuid primary key,
  finding_id uuid not null references findings (id) on delete cascade,
  at timestamptz not null,
  verdict text not null check (verdict in ('true-positive', 'false-positive', 'uncertain')),
  confidence real not null check (confidence >= 0 and confidence <= 1),
  reasoning text not null,
  model text not null,
  call_id uuid references ai_model_calls (id) on delete set null
);
create index ai_triage_verdicts_finding_idx on ai_triage_verdicts (finding_id, at);
`;

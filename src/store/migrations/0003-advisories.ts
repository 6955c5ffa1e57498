/**
 * Offline vulnerability data: advisories (normalised OSV records, with the aliases and affected
 * packages lookups need), the CISA KEV catalog, FIRST EPSS scores, and a record of every import.
 * Upserts keep the newer row (`modified`, `date_added`, `score_date`), so re-importing is idempotent.
 */
export const migration0003Advisories = `
create table advisories (
  id text primary key check (id <> ''),
  modified timestamptz not null,
  published timestamptz,
  withdrawn timestamptz,
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  -- The whole normalised advisory, so the in-memory index can be rebuilt from rows.
  record jsonb not null,
  imported_at timestamptz not null default now()
);

-- Every id an advisory is known by (its own id and its aliases, merged across imports).
create table advisory_aliases (
  advisory_id text not null references advisories (id) on delete cascade,
  alias text not null,
  primary key (advisory_id, alias)
);
create index advisory_aliases_alias_idx on advisory_aliases (alias);

-- One row per affected package, so matching loads only the advisories of installed packages.
create table advisory_packages (
  advisory_id text not null references advisories (id) on delete cascade,
  ecosystem text not null,
  name text not null,
  primary key (advisory_id, ecosystem, name)
);
create index advisory_packages_name_idx on advisory_packages (ecosystem, name);

create table kev_entries (
  cve_id text primary key check (cve_id like 'CVE-%'),
  date_added date not null,
  due_date date,
  known_ransomware_campaign_use text not null default 'Unknown',
  entry jsonb not null,
  imported_at timestamptz not null default now()
);

create table epss_scores (
  cve_id text primary key check (cve_id like 'CVE-%'),
  epss double precision not null check (epss >= 0 and epss <= 1),
  percentile double precision not null check (percentile >= 0 and percentile <= 1),
  model_version text,
  score_date timestamptz,
  imported_at timestamptz not null default now()
);

-- One row per \`yagura db import\`: what was read and what it changed.
create table advisory_imports (
  id uuid primary key,
  -- Orders imports recorded within the same instant.
  seq bigint generated always as identity,
  source text not null check (source in ('osv', 'kev', 'epss')),
  location text not null,
  format text not null,
  imported_at timestamptz not null,
  records integer not null check (records >= 0),
  added integer not null check (added >= 0),
  updated integer not null check (updated >= 0),
  unchanged integer not null check (unchanged >= 0),
  problems integer not null check (problems >= 0)
);
create index advisory_imports_at_idx on advisory_imports (imported_at);
`;

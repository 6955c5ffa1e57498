/**
 * Tables for offline advisory data, as the store would hold them (the integrator registers this
 * migration). Rows are the plain records of `src/deps`: `AdvisoryRecord` (as JSON plus the columns
 * lookups need), `KevEntry` and `EpssScore`. Upserts keep the newer row, which makes imports
 * idempotent exactly as `mergeAdvisoryRecords`, `mergeKev` and `mergeEpss` do in memory:
 *
 *   insert into advisories (...) values (...) on conflict (id) do update set ...
 *     where excluded.modified > advisories.modified;
 */
export const advisoriesMigration = `
create table advisories (
  id text primary key check (id <> ''),
  modified timestamptz not null,
  published timestamptz,
  withdrawn timestamptz,
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  -- The whole normalised AdvisoryRecord, so the in-memory index can be rebuilt from rows.
  record jsonb not null,
  imported_at timestamptz not null default now()
);

-- Every id an advisory is known by (its own id and its aliases), for CVE/GHSA lookups and grouping.
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
`;

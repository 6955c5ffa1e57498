import pg from 'pg';

/** Shape of the synthetic store: `assets` projects with `findingsPerAsset` findings each. */
export interface SyntheticShape {
  readonly assets: number;
  readonly findingsPerAsset: number;
}

/** The benchmark's target: 1,000,000 findings over 5,000 assets. */
export const FULL_SHAPE: SyntheticShape = { assets: 5_000, findingsPerAsset: 200 };

// Pairs of findings share a sink (n / 2), so every work item has two paths; one pair in three mixes tools.
// Six weakness classes, exposure and criticality vary with the asset number; a few findings are KEV-listed,
// proven, fixed (absent) or risk-accepted until a future date.
const FINDINGS_SQL = `
insert into findings (id, project_id, fingerprint, rule_id, cwe, severity, confidence, message, explanation, fix, origin,
  file, start_line, start_column, end_line, end_column, snippet, flow, properties, first_seen_scan_id, last_seen_scan_id,
  first_seen_at, last_seen_at, state, presence, tool, accepted_until, accepted_by)
select gen_random_uuid(), p.id, 'bench-' || p.seq || '-' || n, r.rule_id, r.cwe, r.severity, 'high',
  r.rule_id || ' from req.query.p' || n || ' reaches the sink', 'Attacker input reaches a dangerous call.',
  'Validate or encode the input.', case when t.tool = 'codeql' then 'import' else 'static' end,
  'src/mod-' || (n / 2) || '.js', 10 + (n / 2) % 40, 5, 10 + (n / 2) % 40, 30, 'sink(input)',
  jsonb_build_array(
    jsonb_build_object('kind', 'source', 'message', 'req.query.p' || n || ' is read',
      'location', jsonb_build_object('file', 'src/routes.js', 'startLine', n, 'startColumn', 1, 'endLine', n, 'endColumn', 9)),
    jsonb_build_object('kind', 'sink', 'message', 'passed to the sink',
      'location', jsonb_build_object('file', 'src/mod-' || (n / 2) || '.js', 'startLine', 10 + (n / 2) % 40,
        'startColumn', 5, 'endLine', 10 + (n / 2) % 40, 'endColumn', 30))),
  case when (n / 2) % 97 = 0 then jsonb_build_object('kev', true, 'epss', jsonb_build_object('score', 0.9, 'percentile', 0.99))
       else jsonb_build_object('epss', jsonb_build_object('score', ((p.seq * 7 + n) % 100) / 1000.0, 'percentile', ((p.seq * 13 + n) % 100) / 100.0)) end,
  s.id, s.id, now() - interval '40 days', now() - interval '1 day',
  case when (n / 2) % 10 = 3 then 'fixed' when (n / 2) % 50 = 7 then 'proven' when (n / 2) % 100 = 11 then 'risk-accepted' else 'open' end,
  case when (n / 2) % 10 = 3 then 'absent' else 'present' end,
  t.tool,
  case when (n / 2) % 100 = 11 then now() + interval '365 days' end,
  case when (n / 2) % 100 = 11 then 'ciso' end
from (select row_number() over (order by name) as seq, id from projects where name like 'asset-%') p
join scans s on s.project_id = p.id
cross join generate_series(0, $1::int - 1) as n
cross join lateral (select case when n % 2 = 1 and (n / 2) % 3 = 0 then 'codeql' else 'yagura' end as tool) t
join (values
  (0, 'sql-injection', array['CWE-89'], 'high'),
  (1, 'command-injection', array['CWE-78'], 'critical'),
  (2, 'path-traversal', array['CWE-22'], 'high'),
  (3, 'xss', array['CWE-79'], 'medium'),
  (4, 'redos', array['CWE-1333'], 'medium'),
  (5, 'prototype-pollution', array['CWE-1321'], 'high')
) as r(k, rule_id, cwe, severity) on r.k = (n / 2) % 6`;

/** Create the database if missing; returns whether it was created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length > 0) return false;
    await admin.query(`create database ${name}`);
    return true;
  } finally {
    await admin.end();
  }
}

/** Drop and recreate the database. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

/** Counts of the synthetic data already present. */
export async function countSynthetic(url: string): Promise<{ assets: number; findings: number; workItems: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ assets: string; findings: string; items: string }>(
      `select (select count(*) from projects where name like 'asset-%') as assets,
         (select count(*) from findings) as findings, (select count(*) from work_items) as items`,
    );
    const row = rows[0];
    return { assets: Number(row?.assets ?? 0), findings: Number(row?.findings ?? 0), workItems: Number(row?.items ?? 0) };
  } finally {
    await client.end();
  }
}

/** Insert the assets, one completed scan each, and their findings, with `insert ... select generate_series`. */
export async function generateSynthetic(url: string, shape: SyntheticShape): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into projects (id, name, root_path, attributes)
       select gen_random_uuid(), 'asset-' || lpad(i::text, 5, '0'), '/srv/asset-' || i,
         jsonb_build_object('exposure', (array['internet', 'partner', 'internal', 'isolated'])[1 + i % 4],
           'criticality', (array['low', 'medium', 'high', 'critical'])[1 + (i / 4) % 4],
           'owner', 'team-' || (i % 50), 'businessService', 'service-' || (i % 200))
       from generate_series(1, $1::int) as i`,
      [shape.assets],
    );
    await client.query(
      `insert into scans (id, project_id, status, started_at, finished_at, tool_version, config_hash, threat_model, counts)
       select gen_random_uuid(), id, 'completed', now() - interval '1 day', now() - interval '1 day', '0.1.0', 'bench',
         'application', '{}'::jsonb
       from projects where name like 'asset-%'`,
    );
    await client.query(FINDINGS_SQL, [shape.findingsPerAsset]);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

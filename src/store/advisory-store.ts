import { randomUUID } from 'node:crypto';

import { isSeverity, UsageError, type AdvisoryData, type EpssData, type KevData } from '../core/index.js';
import { toJsonParam } from './rows.js';
import type { SqlExecutor } from './sql-driver.js';

/** Which kind of data an import brought: OSV advisories (OSV or GitHub advisory JSON), CISA KEV, FIRST EPSS. */
export type AdvisorySource = 'osv' | 'kev' | 'epss';

/** What one import hands to {@link Store.importAdvisoryData}: the records of its `source`. */
export interface AdvisoryImportInput {
  readonly source: AdvisorySource;
  /** The file or directory read, as the user named it. */
  readonly location: string;
  /** The format detected: `osv-directory`, `osv-zip`, `osv-json`, `kev-json`, `kev-csv`, `epss-csv`. */
  readonly format: string;
  /** ISO 8601 time of the import. */
  readonly at: string;
  readonly advisories?: readonly AdvisoryData[];
  readonly kev?: readonly KevData[];
  readonly epss?: readonly EpssData[];
  /** Entries the parser skipped. */
  readonly problems?: number;
}

/** A recorded import and what it changed. Re-importing the same data gives `added: 0, updated: 0`. */
export interface AdvisoryImport {
  readonly id: string;
  readonly source: AdvisorySource;
  readonly location: string;
  readonly format: string;
  readonly importedAt: string;
  /** Records read (after keeping the newest of duplicate ids). */
  readonly records: number;
  readonly added: number;
  /** Records replaced by a newer one, or advisories that gained aliases. */
  readonly updated: number;
  readonly unchanged: number;
  readonly problems: number;
}

/** What the store holds of each kind of offline vulnerability data. */
export interface AdvisoryDataStatus {
  readonly advisories: number;
  readonly withdrawnAdvisories: number;
  /** Distinct affected packages. */
  readonly packages: number;
  /** Newest `modified` of the stored advisories (ISO 8601). */
  readonly latestModified?: string;
  readonly kevEntries: number;
  /** Newest `dateAdded` of the KEV catalog (`YYYY-MM-DD`). */
  readonly latestKevDate?: string;
  readonly epssScores: number;
  readonly epssModelVersion?: string;
  readonly epssScoreDate?: string;
  /** The latest import of each source, the most recently recorded first. */
  readonly lastImports: readonly AdvisoryImport[];
}

/** KEV entries and EPSS scores of some CVEs. */
export interface ThreatIntelData {
  readonly kev: readonly KevData[];
  readonly epss: readonly EpssData[];
}

const SOURCES: readonly AdvisorySource[] = ['osv', 'kev', 'epss'];
const CHUNK = 1000;
const CVE = /^CVE-\d{4}-\d+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

interface ImportRow {
  id: string;
  seq: string | number;
  source: AdvisorySource;
  location: string;
  format: string;
  imported_at: Date | string;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  problems: number;
}

const toIso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

function checkTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`${name} must be an ISO 8601 time, not "${value}"`);
  return time.toISOString();
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keep one record per key: the one `newer` prefers, else the first seen (as the in-memory merges do). */
function newestByKey<T>(items: readonly T[], key: (item: T) => string, newer: (a: T, b: T) => boolean): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const current = byKey.get(key(item));
    if (current === undefined || newer(item, current)) byKey.set(key(item), item);
  }
  return [...byKey.values()];
}

function checkAdvisory(a: AdvisoryData): void {
  if (a.id.trim() === '') throw new UsageError('An advisory needs an id');
  if (Number.isNaN(Date.parse(a.modified))) throw new UsageError(`Advisory ${a.id}: "modified" is not a time: "${a.modified}"`);
  for (const [name, value] of [['published', a.published], ['withdrawn', a.withdrawn]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new UsageError(`Advisory ${a.id}: "${name}" is not a time: "${value}"`);
  }
  if (!isSeverity(a.severity)) throw new UsageError(`Advisory ${a.id}: unknown severity "${String(a.severity)}"`);
}

async function upsertAdvisories(tx: SqlExecutor, input: readonly AdvisoryData[], at: string): Promise<Counts & { records: number }> {
  input.forEach(checkAdvisory);
  const records = newestByKey(input, (a) => a.id, (a, b) => Date.parse(a.modified) > Date.parse(b.modified));
  const changed = new Set<string>();
  let added = 0;
  for (const chunk of chunks(records)) {
    const rows = await tx.query<{ id: string; inserted: boolean }>(
      `with input as (select value as r from jsonb_array_elements($1::jsonb))
       insert into advisories as a (id, modified, published, withdrawn, severity, record, imported_at)
       select r->>'id', (r->>'modified')::timestamptz, (r->>'published')::timestamptz, (r->>'withdrawn')::timestamptz,
              r->>'severity', r, $2
       from input
       on conflict (id) do update set modified = excluded.modified, published = excluded.published,
         withdrawn = excluded.withdrawn, severity = excluded.severity, record = excluded.record, imported_at = excluded.imported_at
       where excluded.modified > a.modified
       returning a.id, (a.xmax = 0) as inserted`,
      [toJsonParam(chunk), at],
    );
    for (const row of rows) {
      changed.add(row.id);
      if (row.inserted) added += 1;
    }
    const replaced = rows.filter((r) => !r.inserted).map((r) => r.id);
    if (replaced.length > 0) {
      await tx.query('delete from advisory_packages where advisory_id in (select jsonb_array_elements_text($1::jsonb))', [toJsonParam(replaced)]);
    }
    const packages = chunk
      .filter((a) => changed.has(a.id))
      .flatMap((a) => a.affected.map((p) => ({ id: a.id, ecosystem: p.ecosystem, name: p.name })));
    await tx.query(
      `insert into advisory_packages (advisory_id, ecosystem, name)
       select x.id, x.ecosystem, x.name from jsonb_to_recordset($1::jsonb) as x(id text, ecosystem text, name text)
       on conflict do nothing`,
      [toJsonParam(packages)],
    );
    // Aliases accumulate: an id keeps every alias any imported version of it named.
    const aliases = chunk.flatMap((a) => [a.id, ...a.aliases].map((alias) => ({ id: a.id, alias })));
    const gained = await tx.query<{ advisory_id: string }>(
      `insert into advisory_aliases (advisory_id, alias)
       select x.id, x.alias from jsonb_to_recordset($1::jsonb) as x(id text, alias text)
       on conflict do nothing returning advisory_id`,
      [toJsonParam(aliases)],
    );
    for (const row of gained) changed.add(row.advisory_id);
  }
  return { records: records.length, added, updated: changed.size - added, unchanged: records.length - changed.size };
}

function checkKev(e: KevData): void {
  if (!CVE.test(e.cveId)) throw new UsageError(`KEV entry has no valid CVE id: "${e.cveId}"`);
  if (!DAY.test(e.dateAdded)) throw new UsageError(`KEV entry ${e.cveId}: dateAdded is not YYYY-MM-DD: "${e.dateAdded}"`);
  if (e.dueDate !== '' && !DAY.test(e.dueDate)) throw new UsageError(`KEV entry ${e.cveId}: dueDate is not YYYY-MM-DD: "${e.dueDate}"`);
}

async function upsertKev(tx: SqlExecutor, input: readonly KevData[], at: string): Promise<Counts & { records: number }> {
  input.forEach(checkKev);
  const entries = newestByKey(input, (e) => e.cveId, (a, b) => a.dateAdded > b.dateAdded);
  let added = 0;
  let updated = 0;
  for (const chunk of chunks(entries)) {
    // A newer dateAdded wins; on the same date a different entry is a catalog correction and replaces it.
    const rows = await tx.query<{ inserted: boolean }>(
      `with input as (select value as r from jsonb_array_elements($1::jsonb))
       insert into kev_entries as k (cve_id, date_added, due_date, known_ransomware_campaign_use, entry, imported_at)
       select r->>'cveId', (r->>'dateAdded')::date, nullif(r->>'dueDate', '')::date,
              coalesce(nullif(r->>'knownRansomwareCampaignUse', ''), 'Unknown'), r, $2
       from input
       on conflict (cve_id) do update set date_added = excluded.date_added, due_date = excluded.due_date,
         known_ransomware_campaign_use = excluded.known_ransomware_campaign_use, entry = excluded.entry, imported_at = excluded.imported_at
       where excluded.date_added > k.date_added or (excluded.date_added = k.date_added and excluded.entry <> k.entry)
       returning (k.xmax = 0) as inserted`,
      [toJsonParam(chunk), at],
    );
    for (const row of rows) {
      if (row.inserted) added += 1;
      else updated += 1;
    }
  }
  return { records: entries.length, added, updated, unchanged: entries.length - added - updated };
}

function checkEpss(s: EpssData): void {
  if (!CVE.test(s.cve)) throw new UsageError(`EPSS score has no valid CVE id: "${s.cve}"`);
  if (!(s.epss >= 0 && s.epss <= 1) || !(s.percentile >= 0 && s.percentile <= 1)) {
    throw new UsageError(`EPSS score of ${s.cve} is out of 0..1`);
  }
  if (s.scoreDate !== undefined && Number.isNaN(Date.parse(s.scoreDate))) {
    throw new UsageError(`EPSS score of ${s.cve}: scoreDate is not a time: "${s.scoreDate}"`);
  }
}

async function upsertEpss(tx: SqlExecutor, input: readonly EpssData[], at: string): Promise<Counts & { records: number }> {
  input.forEach(checkEpss);
  const scores = newestByKey(input, (s) => s.cve, (a, b) => (a.scoreDate ?? '') > (b.scoreDate ?? ''));
  let added = 0;
  let updated = 0;
  for (const chunk of chunks(scores, 5000)) {
    const rows = await tx.query<{ inserted: boolean }>(
      `insert into epss_scores as e (cve_id, epss, percentile, model_version, score_date, imported_at)
       select x.cve, x.epss, x.percentile, x."modelVersion", x."scoreDate"::timestamptz, $2
       from jsonb_to_recordset($1::jsonb) as x(cve text, epss double precision, percentile double precision, "modelVersion" text, "scoreDate" text)
       on conflict (cve_id) do update set epss = excluded.epss, percentile = excluded.percentile,
         model_version = excluded.model_version, score_date = excluded.score_date, imported_at = excluded.imported_at
       where excluded.score_date > e.score_date
          or (e.score_date is null and excluded.score_date is not null)
          or (excluded.score_date is not distinct from e.score_date
              and (excluded.epss, excluded.percentile) is distinct from (e.epss, e.percentile))
       returning (e.xmax = 0) as inserted`,
      [toJsonParam(chunk), at],
    );
    for (const row of rows) {
      if (row.inserted) added += 1;
      else updated += 1;
    }
  }
  return { records: scores.length, added, updated, unchanged: scores.length - added - updated };
}

function toImport(row: ImportRow): AdvisoryImport {
  return {
    id: row.id,
    source: row.source,
    location: row.location,
    format: row.format,
    importedAt: toIso(row.imported_at),
    records: row.records,
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    problems: row.problems,
  };
}

/** See {@link Store.importAdvisoryData}. Run inside a transaction. */
export async function importAdvisoryData(tx: SqlExecutor, input: AdvisoryImportInput): Promise<AdvisoryImport> {
  if (!SOURCES.includes(input.source)) throw new UsageError(`Unknown advisory source "${input.source}"`);
  const at = checkTime(input.at, 'at');
  const given = [input.advisories, input.kev, input.epss].filter((x) => x !== undefined).length;
  if (given > 1) throw new UsageError('One import brings one kind of data');
  const result =
    input.source === 'osv'
      ? await upsertAdvisories(tx, input.advisories ?? [], at)
      : input.source === 'kev'
        ? await upsertKev(tx, input.kev ?? [], at)
        : await upsertEpss(tx, input.epss ?? [], at);
  const rows = await tx.query<ImportRow>(
    `insert into advisory_imports (id, source, location, format, imported_at, records, added, updated, unchanged, problems)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
    [randomUUID(), input.source, input.location, input.format, at, result.records, result.added, result.updated, result.unchanged, input.problems ?? 0],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into advisory_imports returned no row');
  return toImport(row);
}

/** See {@link Store.listAdvisoryImports}. */
export async function listAdvisoryImports(db: SqlExecutor, limit = 100): Promise<AdvisoryImport[]> {
  const rows = await db.query<ImportRow>('select * from advisory_imports order by imported_at desc, seq desc limit $1', [limit]);
  return rows.map(toImport);
}

/** See {@link Store.advisoryDataStatus}. */
export async function advisoryDataStatus(db: SqlExecutor): Promise<AdvisoryDataStatus> {
  const [advisories] = await db.query<{ total: string | number; withdrawn: string | number; latest: Date | string | null }>(
    'select count(*) as total, count(withdrawn) as withdrawn, max(modified) as latest from advisories',
  );
  const [packages] = await db.query<{ n: string | number }>('select count(*) as n from (select distinct ecosystem, name from advisory_packages) p');
  const [kev] = await db.query<{ n: string | number; latest: string | null }>(
    "select count(*) as n, to_char(max(date_added), 'YYYY-MM-DD') as latest from kev_entries",
  );
  const [epss] = await db.query<{ n: string | number }>('select count(*) as n from epss_scores');
  const [model] = await db.query<{ model_version: string | null; score_date: Date | string | null }>(
    'select model_version, score_date from epss_scores order by score_date desc nulls last limit 1',
  );
  const last = await db.query<ImportRow>(
    'select distinct on (source) * from advisory_imports order by source, imported_at desc, seq desc',
  );
  return {
    advisories: Number(advisories?.total ?? 0),
    withdrawnAdvisories: Number(advisories?.withdrawn ?? 0),
    packages: Number(packages?.n ?? 0),
    ...(advisories?.latest ? { latestModified: toIso(advisories.latest) } : {}),
    kevEntries: Number(kev?.n ?? 0),
    ...(kev?.latest ? { latestKevDate: kev.latest } : {}),
    epssScores: Number(epss?.n ?? 0),
    ...(model?.model_version ? { epssModelVersion: model.model_version } : {}),
    ...(model?.score_date ? { epssScoreDate: toIso(model.score_date) } : {}),
    lastImports: last.sort((a, b) => Number(b.seq) - Number(a.seq)).map(toImport),
  };
}

/** See {@link Store.loadAdvisories}. */
export async function loadAdvisories(db: SqlExecutor, names: readonly string[], ecosystem: string): Promise<AdvisoryData[]> {
  if (names.length === 0) return [];
  const rows = await db.query<{ record: AdvisoryData; aliases: string[] }>(
    `select a.record,
       coalesce((select jsonb_agg(x.alias order by x.alias) from advisory_aliases x
                 where x.advisory_id = a.id and x.alias <> a.id), '[]'::jsonb) as aliases
     from advisories a
     where a.id in (select p.advisory_id from advisory_packages p
                    where p.ecosystem = $1 and p.name in (select jsonb_array_elements_text($2::jsonb)))
     order by a.id`,
    [ecosystem, toJsonParam([...new Set(names)])],
  );
  return rows.map((row) => ({ ...row.record, aliases: row.aliases }));
}

/** See {@link Store.loadThreatIntel}. */
export async function loadThreatIntel(db: SqlExecutor, cveIds: readonly string[]): Promise<ThreatIntelData> {
  const ids = toJsonParam([...new Set(cveIds)].filter((c) => CVE.test(c)));
  const kev = await db.query<{ entry: KevData }>(
    'select entry from kev_entries where cve_id in (select jsonb_array_elements_text($1::jsonb)) order by cve_id',
    [ids],
  );
  const epss = await db.query<{ cve_id: string; epss: number; percentile: number; model_version: string | null; score_date: Date | string | null }>(
    'select cve_id, epss, percentile, model_version, score_date from epss_scores where cve_id in (select jsonb_array_elements_text($1::jsonb)) order by cve_id',
    [ids],
  );
  return {
    kev: kev.map((r) => r.entry),
    epss: epss.map((r) => ({
      cve: r.cve_id,
      epss: r.epss,
      percentile: r.percentile,
      ...(r.model_version === null ? {} : { modelVersion: r.model_version }),
      ...(r.score_date === null ? {} : { scoreDate: toIso(r.score_date) }),
    })),
  };
}

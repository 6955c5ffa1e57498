import type { KevData } from '../../core/index.js';
import { parseCsv } from './csv.js';
import type { ImportProblem } from './import-result.js';

/** One entry of the CISA Known Exploited Vulnerabilities catalog (the shape lives in core, shared with the store). */
export type KevEntry = KevData;

const FIELDS = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
  'knownRansomwareCampaignUse',
] as const;

function entryOf(get: (field: string) => unknown, cwes: readonly string[]): KevEntry | undefined {
  const s = (f: string): string => {
    const v = get(f);
    return typeof v === 'string' ? v.trim() : '';
  };
  const cveId = s('cveID');
  if (!/^CVE-\d{4}-\d+$/.test(cveId)) return undefined;
  return {
    cveId,
    vendorProject: s('vendorProject'),
    product: s('product'),
    vulnerabilityName: s('vulnerabilityName'),
    dateAdded: s('dateAdded'),
    shortDescription: s('shortDescription'),
    requiredAction: s('requiredAction'),
    dueDate: s('dueDate'),
    knownRansomwareCampaignUse: s('knownRansomwareCampaignUse'),
    cwes,
  };
}

/**
 * Parse the KEV catalog as CISA publishes it: `known_exploited_vulnerabilities.json` or `.csv`
 * (detected from the first character). Rows without a CVE id are reported as problems.
 */
export function parseKev(text: string): { entries: KevEntry[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const entries: KevEntry[] = [];
  if (text.trimStart().startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error: unknown) {
      return { entries, problems: [{ where: 'KEV JSON', message: error instanceof Error ? error.message : String(error) }] };
    }
    const list = typeof doc === 'object' && doc !== null ? (doc as { vulnerabilities?: unknown }).vulnerabilities : undefined;
    if (!Array.isArray(list)) return { entries, problems: [{ where: 'KEV JSON', message: 'no "vulnerabilities" array' }] };
    list.forEach((item: unknown, i) => {
      const obj = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const cwes = Array.isArray(obj.cwes) ? obj.cwes.filter((c): c is string => typeof c === 'string') : [];
      const entry = entryOf((f) => obj[f], cwes);
      if (entry) entries.push(entry);
      else problems.push({ where: `vulnerabilities[${i}]`, message: 'no valid cveID' });
    });
    return { entries, problems };
  }
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  if (!FIELDS.every((f) => header.includes(f))) {
    return { entries, problems: [{ where: 'KEV CSV line 1', message: `header lacks ${FIELDS.filter((f) => !header.includes(f)).join(', ')}` }] };
  }
  rows.slice(1).forEach((row, i) => {
    const get = (f: string): string | undefined => row[header.indexOf(f)];
    const cwes = (get('cwes') ?? '').split(/[,;\s]+/).filter((c) => c.startsWith('CWE-'));
    const entry = entryOf(get, cwes);
    if (entry) entries.push(entry);
    else problems.push({ where: `KEV CSV row ${i + 2}`, message: 'no valid cveID' });
  });
  return { entries, problems };
}

/**
 * Merge KEV entries into a catalog keyed by CVE id. Idempotent; for a CVE listed twice the entry
 * added later (by `dateAdded`) wins, and on a tie the one already held stays.
 */
export function mergeKev(catalog: ReadonlyMap<string, KevEntry>, entries: Iterable<KevEntry>): Map<string, KevEntry> {
  const out = new Map(catalog);
  for (const e of entries) {
    const current = out.get(e.cveId);
    if (!current || e.dateAdded > current.dateAdded) out.set(e.cveId, e);
  }
  return out;
}

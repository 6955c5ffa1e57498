import type { EpssData } from '../../core/index.js';
import { parseCsv } from './csv.js';
import type { ImportProblem } from './import-result.js';

/** FIRST EPSS: probability of exploitation activity in the next 30 days, and its percentile (shape in core). */
export type EpssScore = EpssData;

/**
 * Parse the EPSS CSV as FIRST publishes it (`epss_scores-YYYY-MM-DD.csv`): an optional
 * `#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000` line, then `cve,epss,percentile`.
 */
export function parseEpss(text: string): { scores: EpssScore[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const scores: EpssScore[] = [];
  let modelVersion: string | undefined;
  let scoreDate: string | undefined;
  const body = text.replace(/^\uFEFF/, '');
  const firstBreak = body.indexOf('\n');
  const first = firstBreak < 0 ? body : body.slice(0, firstBreak);
  let csv = body;
  if (first.startsWith('#')) {
    for (const part of first.slice(1).trim().split(',')) {
      const [k, ...rest] = part.split(':');
      const v = rest.join(':').trim();
      if (k?.trim() === 'model_version') modelVersion = v;
      if (k?.trim() === 'score_date') scoreDate = v;
    }
    csv = firstBreak < 0 ? '' : body.slice(firstBreak + 1);
  }
  const rows = parseCsv(csv);
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const [cveAt, epssAt, pctAt] = ['cve', 'epss', 'percentile'].map((h) => header.indexOf(h));
  const lineOffset = first.startsWith('#') ? 2 : 1;
  if (cveAt === undefined || epssAt === undefined || pctAt === undefined || cveAt < 0 || epssAt < 0 || pctAt < 0) {
    return { scores, problems: [{ where: `EPSS CSV line ${lineOffset}`, message: 'header is not "cve,epss,percentile"' }] };
  }
  rows.slice(1).forEach((row, i) => {
    const cve = row[cveAt]?.trim() ?? '';
    const epss = Number(row[epssAt]);
    const percentile = Number(row[pctAt]);
    if (!/^CVE-\d{4}-\d+$/.test(cve) || !(epss >= 0 && epss <= 1) || !(percentile >= 0 && percentile <= 1)) {
      problems.push({ where: `EPSS CSV line ${i + lineOffset + 1}`, message: `not a score row: ${row.join(',')}` });
      return;
    }
    scores.push({
      cve,
      epss,
      percentile,
      ...(modelVersion === undefined ? {} : { modelVersion }),
      ...(scoreDate === undefined ? {} : { scoreDate }),
    });
  });
  return { scores, problems };
}

/** Merge EPSS scores by CVE. Idempotent; a score with a later `scoreDate` replaces an older one. */
export function mergeEpss(table: ReadonlyMap<string, EpssScore>, scores: Iterable<EpssScore>): Map<string, EpssScore> {
  const out = new Map(table);
  for (const s of scores) {
    const current = out.get(s.cve);
    if (!current || (s.scoreDate ?? '') > (current.scoreDate ?? '')) out.set(s.cve, s);
  }
  return out;
}

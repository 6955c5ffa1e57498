import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import type { AdvisoryRecord } from './advisory-record.js';
import { normalizeOsvRecord } from './advisory-record.js';
import type { ImportProblem } from './import-result.js';

/** Records read by an import, and the entries it skipped. */
export interface OsvImport {
  readonly records: AdvisoryRecord[];
  readonly problems: ImportProblem[];
}

/** Parse the text of one OSV JSON file (one record, or an array of records as some exports use). */
export function parseOsvJson(text: string, where: string): OsvImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error: unknown) {
    return { records: [], problems: [{ where, message: error instanceof Error ? error.message : String(error) }] };
  }
  const records: AdvisoryRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const item of Array.isArray(doc) ? doc : [doc]) {
    const r = normalizeOsvRecord(item);
    if (typeof r === 'string') problems.push({ where, message: r });
    else records.push(r);
  }
  return { records, problems };
}

async function jsonFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFilesUnder(path)));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

/** Read every `*.json` OSV record under a directory (recursively, as github/advisory-database lays them out). */
export async function loadOsvDirectory(dir: string): Promise<OsvImport> {
  const records: AdvisoryRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const file of await jsonFilesUnder(dir)) {
    const one = parseOsvJson(await readFile(file, 'utf8'), file);
    records.push(...one.records);
    problems.push(...one.problems);
  }
  return { records, problems };
}

/** Read the OSV records of a zip archive's bytes (`https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip`). */
export function parseOsvZip(bytes: Uint8Array, where = 'zip'): OsvImport {
  const records: AdvisoryRecord[] = [];
  const problems: ImportProblem[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (error: unknown) {
    return { records, problems: [{ where, message: `not a readable zip: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  for (const name of Object.keys(files).sort()) {
    const data = files[name];
    if (!data) continue;
    const one = parseOsvJson(strFromU8(data), `${where}:${name}`);
    records.push(...one.records);
    problems.push(...one.problems);
  }
  return { records, problems };
}

/** Read the OSV records of a zip file on disk. */
export async function loadOsvZip(path: string): Promise<OsvImport> {
  return parseOsvZip(new Uint8Array(await readFile(path)), path);
}

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { Command } from 'commander';

import { UsageError } from '../../core/index.js';
import { loadOsvDirectory, parseEpss, parseKev, parseOsvJson, parseOsvZip, type ImportProblem } from '../../deps/index.js';
import type { AdvisoryDataStatus, AdvisoryImport, AdvisoryImportInput } from '../../store/index.js';
import { EXIT, type CliIO } from '../io.js';
import { describeStore, openCliStore } from '../store-options.js';

interface DbFlags {
  db?: string;
}

/** Problems printed before "... and N more". */
const SHOWN_PROBLEMS = 10;

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'osv-directory': 'OSV directory',
  'osv-zip': 'OSV zip',
  'osv-json': 'OSV / GitHub advisory JSON',
  'kev-json': 'CISA KEV JSON',
  'kev-csv': 'CISA KEV CSV',
  'epss-csv': 'FIRST EPSS CSV',
};

/** `yagura db import <path>` and `yagura db status`: the offline advisory data the dependency audit uses. */
export function registerDbCommands(program: Command, io: CliIO, result: { code: number }): void {
  const db = program.command('db').description('offline vulnerability data: OSV/GitHub advisories, CISA KEV, FIRST EPSS');
  db.command('import')
    .description('import an OSV directory or zip, GitHub advisory JSON, KEV JSON/CSV or EPSS CSV (format detected from content)')
    .argument('<path>', 'file or directory to import')
    .option('--db <url>', 'postgres:// URL or embedded store directory (default: $YAGURA_DATABASE_URL, else $YAGURA_HOME/db)')
    .action(async (path: string, flags: DbFlags) => {
      result.code = await importCommand(path, flags, io);
    });
  db.command('status')
    .description('show what advisory data is loaded: counts, dates and the last import of each source')
    .option('--db <url>', 'postgres:// URL or embedded store directory (default: $YAGURA_DATABASE_URL, else $YAGURA_HOME/db)')
    .action(async (flags: DbFlags) => {
      result.code = await statusCommand(flags, io);
    });
}

type Parsed = Omit<AdvisoryImportInput, 'location' | 'at' | 'problems'> & { readonly problemList: readonly ImportProblem[] };

/**
 * Read `path` and tell its format from its content: a directory of OSV JSON, a zip (`PK`), gzip
 * (EPSS publishes `.csv.gz`), JSON (KEV catalog or OSV records) or CSV (EPSS or KEV header).
 */
export async function readAdvisoryData(path: string): Promise<Parsed> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (info.isDirectory()) {
    const { records, problems } = await loadOsvDirectory(path);
    return { source: 'osv', format: 'osv-directory', advisories: records, problemList: problems };
  }
  let bytes = new Uint8Array(await readFile(path));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const { records, problems } = parseOsvZip(bytes, path);
    return { source: 'osv', format: 'osv-zip', advisories: records, problemList: problems };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(gunzipSync(bytes));
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return parseJsonData(text, path);
  const newline = head.indexOf('\n');
  const firstLine = (newline < 0 ? head : head.slice(0, newline)).toLowerCase();
  if (firstLine.startsWith('#model_version') || /^"?cve"?,"?epss"?/.test(firstLine)) {
    const { scores, problems } = parseEpss(text);
    return { source: 'epss', format: 'epss-csv', epss: scores, problemList: problems };
  }
  if (firstLine.includes('cveid') && firstLine.includes('vendorproject')) {
    const { entries, problems } = parseKev(text);
    return { source: 'kev', format: 'kev-csv', kev: entries, problemList: problems };
  }
  throw new UsageError(`Cannot tell the format of ${path}: expected an OSV directory or zip, OSV/GitHub advisory JSON, KEV JSON or CSV, or EPSS CSV`);
}

function parseJsonData(text: string, path: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'vulnerabilities' in doc && 'catalogVersion' in doc) {
    const { entries, problems } = parseKev(text);
    return { source: 'kev', format: 'kev-json', kev: entries, problemList: problems };
  }
  const first: unknown = Array.isArray(doc) ? doc[0] : doc;
  if (typeof first === 'object' && first !== null && 'ghsa_id' in first && !('id' in first)) {
    throw new UsageError(`${path} is in GitHub's REST API format; import the OSV files of github/advisory-database instead`);
  }
  const { records, problems } = parseOsvJson(text, path);
  return { source: 'osv', format: 'osv-json', advisories: records, problemList: problems };
}

function kindOf(source: AdvisoryImport['source']): string {
  return source === 'osv' ? 'advisories' : source === 'kev' ? 'KEV entries' : 'EPSS scores';
}

async function importCommand(path: string, flags: DbFlags, io: CliIO): Promise<number> {
  const location = resolve(io.cwd, path);
  const parsed = await readAdvisoryData(location);
  const { problemList, ...data } = parsed;
  const now = (io.now ?? (() => new Date()))();
  const store = await openCliStore(flags.db, io);
  let imported: AdvisoryImport;
  try {
    imported = await store.importAdvisoryData({ ...data, location, at: now.toISOString(), problems: problemList.length });
  } finally {
    await store.close();
  }
  for (const p of problemList.slice(0, SHOWN_PROBLEMS)) io.stderr.write(`skipped ${p.where}: ${p.message}\n`);
  if (problemList.length > SHOWN_PROBLEMS) io.stderr.write(`... and ${problemList.length - SHOWN_PROBLEMS} more skipped\n`);
  io.stdout.write(
    `Imported ${imported.records} ${kindOf(imported.source)} (${FORMAT_NAMES[imported.format] ?? imported.format}) from ${path} into ${describeStore(flags.db, io)}: ` +
      `${imported.added} added, ${imported.updated} updated, ${imported.unchanged} unchanged, ${imported.problems} skipped\n`,
  );
  return EXIT.clean;
}

/** The text of `yagura db status`. */
export function renderAdvisoryStatus(status: AdvisoryDataStatus, where: string): string {
  const lines = [`Advisory data in ${where}`];
  lines.push(
    `  advisories   ${status.advisories} (${status.withdrawnAdvisories} withdrawn) for ${status.packages} packages` +
      (status.latestModified ? `, newest modified ${status.latestModified}` : ''),
  );
  lines.push(`  KEV          ${status.kevEntries} entries` + (status.latestKevDate ? `, newest added ${status.latestKevDate}` : ''));
  lines.push(
    `  EPSS         ${status.epssScores} scores` +
      (status.epssModelVersion ? `, model ${status.epssModelVersion}` : '') +
      (status.epssScoreDate ? `, scored ${status.epssScoreDate}` : ''),
  );
  if (status.lastImports.length === 0) {
    lines.push('', 'Nothing imported yet: run yagura db import <path> with an OSV directory or zip, KEV or EPSS file.');
  } else {
    lines.push('', 'Last imports:');
    for (const i of status.lastImports) {
      lines.push(
        `  ${i.source.padEnd(5)} ${i.importedAt}  ${(FORMAT_NAMES[i.format] ?? i.format).padEnd(26)} ${i.records} read: ${i.added} added, ${i.updated} updated, ${i.unchanged} unchanged, ${i.problems} skipped  ${i.location}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function statusCommand(flags: DbFlags, io: CliIO): Promise<number> {
  const store = await openCliStore(flags.db, io);
  try {
    io.stdout.write(renderAdvisoryStatus(await store.advisoryDataStatus(), describeStore(flags.db, io)));
  } finally {
    await store.close();
  }
  return EXIT.clean;
}

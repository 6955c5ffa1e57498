import { loadConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import { DEFAULT_SLA_POLICY, resolveSlaPolicy, type SlaPolicy } from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { openCliStore } from '../store-options.js';

/** Run `work` with the store the user chose, closing it afterwards. */
export async function withTriageStore<T>(db: string | undefined, io: CliIO, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCliStore(db, io);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The SLA policy of the configuration in the working directory, or the default when there is none. */
export async function slaPolicyOf(io: CliIO): Promise<SlaPolicy> {
  const { config } = await loadConfig(io.cwd);
  return config.file ? resolveSlaPolicy(config.sla) : DEFAULT_SLA_POLICY;
}

/** The wall clock of the CLI (fixed in tests). */
export function nowOf(io: CliIO): Date {
  return io.now?.() ?? new Date();
}

/** Who is acting: `--actor`, else `$USER`, else `cli`. */
export function actorOf(io: CliIO, actor: string | undefined): string {
  return actor ?? io.env.USER ?? io.env.USERNAME ?? 'cli';
}

/** Ids of the projects named by `--asset`, or `undefined` for all. */
export async function projectIdsOf(store: Store, names: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!names || names.length === 0) return undefined;
  const ids: string[] = [];
  for (const name of names) ids.push((await store.getProject(name)).id);
  return ids;
}

/** Align rows under a header; the last column is not padded. */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

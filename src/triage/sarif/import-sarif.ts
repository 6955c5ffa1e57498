import type { AssetAttributes, Store } from '../../store/index.js';
import { prioritise } from '../prioritise.js';
import type { SlaPolicy } from '../sla.js';
import { parseSarif } from './parse-sarif.js';

/** Options of {@link importSarif}. */
export interface ImportSarifOptions {
  /** SARIF text and the file it came from (for messages). */
  readonly text: string;
  readonly file: string;
  /** The project (asset) the results belong to; created when missing. */
  readonly projectName: string;
  readonly rootPath: string;
  /** Tool name to record instead of the driver's (`codeql`, `semgrep`...). */
  readonly tool?: string;
  readonly now: Date;
  readonly sla?: SlaPolicy;
  /** Asset attributes from the project's configuration, merged into the stored ones. */
  readonly asset?: AssetAttributes;
  /** Called with the wall time of each phase (`parse`, `store`, `prioritise`), for benchmarks. */
  readonly onPhase?: (phase: 'parse' | 'store' | 'prioritise', millis: number) => void;
}

/** What {@link importSarif} stored, per tool. */
export interface ImportSarifResult {
  readonly projectId: string;
  readonly tools: readonly {
    readonly tool: string;
    readonly scanId: string;
    readonly results: number;
    readonly skipped: number;
    readonly new: number;
    readonly absent: number;
  }[];
  readonly workItems: number;
}

/**
 * Store another scanner's SARIF results as a scan of that tool (origin `import`), then re-prioritise the
 * project so they merge with Yagura's findings at the same sink and CWE. Results of an earlier import of the
 * same tool that are missing now become absent (fixed); Yagura's own findings are not touched.
 * @example
 * await importSarif(store, { text, file: 'codeql.sarif', projectName: 'payments', rootPath: '/src/payments', now: new Date() });
 */
export async function importSarif(store: Store, options: ImportSarifOptions): Promise<ImportSarifResult> {
  let started = performance.now();
  const phase = (name: 'parse' | 'store' | 'prioritise'): void => {
    const now = performance.now();
    options.onPhase?.(name, Math.round(now - started));
    started = now;
  };
  const runs = parseSarif(options.text, {
    file: options.file,
    rootPath: options.rootPath,
    ...(options.tool === undefined ? {} : { tool: options.tool }),
  });
  phase('parse');
  const project = await store.ensureProject({
    name: options.projectName,
    rootPath: options.rootPath,
    ...(options.asset ? { attributes: options.asset } : {}),
  });
  const tools: ImportSarifResult['tools'][number][] = [];
  for (const run of runs) {
    const scan = await store.beginScan({
      projectId: project.id,
      toolVersion: run.toolVersion,
      configHash: 'import',
      threatModel: 'application',
      tool: run.tool,
    });
    const { counts } = await store.completeScan(scan.id, {
      findings: run.findings,
      stats: { importedFrom: options.file, results: run.findings.length, skipped: run.skipped },
    });
    tools.push({ tool: run.tool, scanId: scan.id, results: run.findings.length, skipped: run.skipped, new: counts.new, absent: counts.absent });
  }
  phase('store');
  const { workItems } = await prioritise(store, { projectId: project.id, now: options.now, ...(options.sla ? { sla: options.sla } : {}) });
  phase('prioritise');
  return { projectId: project.id, tools, workItems };
}

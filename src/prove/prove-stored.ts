import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { StoredFinding, ThreatModel } from '../core/index.js';
import type { ProofRecord, Store } from '../store/index.js';
import { proveFindings, type ProveFindingsOptions, type ProveProgress } from './prove-findings.js';
import { witnessClassOf } from './prove-finding.js';

/** Options of {@link proveStoredFindings}. */
export interface ProveStoredOptions {
  readonly nodePath: string;
  /** Host temporary folder (the entry point's `os.tmpdir()`); a private folder is made under it and removed. */
  readonly tempRoot: string;
  /** Budget of each witness run in milliseconds (`--prove-timeout`). */
  readonly timeoutMs: number;
  /** `auto` (or absent): application when the project depends on Express, else library. */
  readonly threatModel?: ThreatModel | 'auto';
  /** Who records the proofs (`scan --prove`, the CLI user). */
  readonly actor: string;
  readonly installCacheDir?: string;
  readonly tools?: Readonly<Record<string, string>>;
  readonly now: () => Date;
  readonly clock: () => number;
  readonly onProgress?: (progress: ProveProgress) => void;
}

/** The host folder of the PGlite package Yagura itself depends on (the embedded database of app witnesses). */
export function pglitePackageDir(): string | undefined {
  try {
    // The package exports no ./package.json: climb from its entry file (…/pglite/dist/index.cjs).
    return dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** `application` for a project that depends on Express (a server to start), else `library`. */
export async function inferThreatModel(root: string): Promise<ThreatModel> {
  try {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return manifest.dependencies?.express === undefined ? 'library' : 'application';
  } catch (error: unknown) {
    if (error instanceof SyntaxError || (error instanceof Error && 'code' in error && error.code === 'ENOENT')) return 'library';
    throw error;
  }
}

/**
 * Prove stored findings of one project (rooted at `root`) and keep every attempt's evidence with its
 * finding; verified proofs move open findings to `proven`. Findings without a witness generator are skipped
 * (nothing recorded). Returns the recorded proofs.
 * @example
 * const proofs = await proveStoredFindings(store, project.rootPath, findings, { nodePath, tempRoot: tmpdir(), timeoutMs: 20_000, actor: 'scan --prove', now, clock });
 */
export async function proveStoredFindings(
  store: Store,
  root: string,
  findings: readonly StoredFinding[],
  options: ProveStoredOptions,
): Promise<ProofRecord[]> {
  const provable = findings.filter((f) => witnessClassOf(f) !== undefined);
  if (provable.length === 0) return [];
  const threatModel = options.threatModel === undefined || options.threatModel === 'auto' ? await inferThreatModel(root) : options.threatModel;
  const tempDir = await mkdtemp(join(options.tempRoot, 'yagura-prove-'));
  try {
    // The sandbox runs as another uid: it must reach the throw-away copies made under this folder.
    await chmod(tempDir, 0o711);
    const pglite = pglitePackageDir();
    const proveOptions: ProveFindingsOptions = {
      threatModel,
      timeoutMs: options.timeoutMs,
      nodePath: options.nodePath,
      tempDir,
      installCacheDir: options.installCacheDir ?? join(tempDir, 'install-cache'),
      ...(pglite === undefined ? {} : { pglitePackageDir: pglite }),
      tools: { ...(options.tools ?? {}) },
      now: options.now,
      clock: options.clock,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    };
    const results = await proveFindings(root, provable, proveOptions);
    const recorded: ProofRecord[] = [];
    for (const { finding, evidence } of results) {
      const { proof } = await store.recordProof({
        findingId: finding.id,
        at: evidence.finishedAt,
        actor: options.actor,
        status: evidence.status,
        ...(evidence.cls === undefined ? {} : { witnessClass: evidence.cls }),
        evidence: JSON.parse(JSON.stringify(evidence)) as Record<string, unknown>,
      });
      recorded.push(proof);
    }
    return recorded;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

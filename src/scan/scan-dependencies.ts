import { lstat, readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

import { LockfileError, type Diagnostic, type Finding, type SourceFile } from '../core/index.js';
import {
  buildAdvisoryIndex,
  mergeEpss,
  mergeKev,
  parseLockfile,
  parsePackageManifest,
  runDependencyAudit,
  type DependencyAudit,
} from '../deps/index.js';
import type { Store } from '../store/index.js';

/** Lockfiles looked for at the scanned root, in npm's order of precedence (the shrinkwrap wins). */
export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'] as const;

/** Lockfiles of large applications run to tens of megabytes, far past a source file's limit. */
export const LOCKFILE_MAX_BYTES = 64 * 1024 * 1024;

/** The note a scan carries when it has a lockfile but no advisory data to match it against. */
export const NO_ADVISORY_DATA = 'dependency audit skipped: no advisory data; run yagura db import';

/** What the dependency stage of a scan adds. */
export interface DependencyScan {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The audit, for SBOM and VEX; absent when there is no lockfile or no advisory data. */
  readonly audit?: DependencyAudit;
  /** The lockfile read, relative to the root. */
  readonly lockfile?: string;
}

/** Inputs of {@link scanDependencies}. */
export interface DependencyScanRequest {
  /** Real path of the scanned root. */
  readonly root: string;
  /** The project's source files (root-relative), for reachability. */
  readonly files: readonly SourceFile[];
  /** Where advisories are loaded from; `undefined` (`--no-store`) means none. */
  readonly store?: Store;
  /** Audit even without advisory data (an SBOM needs the graph, not the advisories). */
  readonly withoutAdvisories?: boolean;
}

type ReadResult = { readonly text: string } | { readonly diagnostic: Diagnostic } | undefined;

/** Read a file at the root as the walker would: never through a link out of the root, never past the limit. */
async function readRootFile(root: string, name: string): Promise<ReadResult> {
  const path = join(root, name);
  let info;
  try {
    info = await lstat(path);
  } catch {
    return undefined;
  }
  if (info.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(path);
    } catch {
      return { diagnostic: { code: 'UNREADABLE_FILE', file: name, message: 'dangling symbolic link skipped' } };
    }
    if (target !== root && !target.startsWith(root + sep)) {
      return { diagnostic: { code: 'SYMLINK_OUTSIDE_ROOT', file: name, message: 'symbolic link points outside the scanned root; not followed' } };
    }
    info = await lstat(target);
  }
  if (!info.isFile()) return undefined;
  if (info.size > LOCKFILE_MAX_BYTES) {
    return { diagnostic: { code: 'FILE_TOO_LARGE', file: name, message: `${info.size} bytes is over the limit of ${LOCKFILE_MAX_BYTES}; skipped` } };
  }
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    return { diagnostic: { code: 'UNREADABLE_FILE', file: name, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/**
 * The dependency stage of a scan: when the root has a lockfile and the store holds advisories,
 * match the installed packages offline, judge reachability from `files`, and return the findings.
 * Without advisory data it returns a diagnostic saying so; a malformed lockfile is a diagnostic too.
 */
export async function scanDependencies(request: DependencyScanRequest): Promise<DependencyScan> {
  const diagnostics: Diagnostic[] = [];
  let lockfile: { path: string; text: string } | undefined;
  for (const name of LOCKFILE_NAMES) {
    const read = await readRootFile(request.root, name);
    if (read === undefined) continue;
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    lockfile = { path: name, text: read.text };
    break;
  }
  if (!lockfile) return { findings: [], diagnostics };
  const manifestRead = await readRootFile(request.root, 'package.json');
  if (manifestRead && 'diagnostic' in manifestRead) diagnostics.push(manifestRead.diagnostic);
  const manifest = manifestRead && 'text' in manifestRead ? manifestRead.text : undefined;

  const status = request.store ? await request.store.advisoryDataStatus() : undefined;
  if (!request.withoutAdvisories && (status === undefined || status.advisories === 0)) {
    diagnostics.push({ code: 'ANALYZER_UNAVAILABLE', file: lockfile.path, message: NO_ADVISORY_DATA });
    return { findings: [], diagnostics, lockfile: lockfile.path };
  }
  try {
    const graph = parseLockfile(lockfile.path, lockfile.text, manifest === undefined ? undefined : parsePackageManifest(manifest));
    const names = [...new Set([...graph.nodes.values()].map((n) => n.name))];
    const records = request.store && status && status.advisories > 0 ? await request.store.loadAdvisories(names) : [];
    const cves = [...new Set(records.flatMap((r) => [r.id, ...r.aliases]).filter((id) => id.startsWith('CVE-')))];
    const intel = request.store && cves.length > 0 ? await request.store.loadThreatIntel(cves) : { kev: [], epss: [] };
    const audit = runDependencyAudit({
      lockfile,
      ...(manifest === undefined ? {} : { manifest }),
      files: request.files,
      index: buildAdvisoryIndex(records),
      intel: { kev: mergeKev(new Map(), intel.kev), epss: mergeEpss(new Map(), intel.epss) },
    });
    return { findings: audit.findings, diagnostics: [...diagnostics, ...audit.diagnostics], audit, lockfile: lockfile.path };
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    diagnostics.push({ code: 'PARSE_FAILED', file: lockfile.path, message: error.message });
    return { findings: [], diagnostics, lockfile: lockfile.path };
  }
}

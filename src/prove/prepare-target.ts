import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { isBuiltin } from 'node:module';
import { chmod, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

import { pathExists } from './path-exists.js';

const run = promisify(execFile);

/** A throw-away copy of the project with its dependencies installed, ready for witnesses. */
export interface PreparedTarget {
  readonly dir: string;
  /** Whether dependencies were installed (or copied from the install cache). */
  readonly installed: boolean;
  /** Why something could not be prepared; witnesses may still run without the dependencies. */
  readonly problems: readonly string[];
  /** Name and version from package.json, when there is one. */
  readonly packageName?: string;
  readonly packageVersion?: string;
  /** Remove the copy. */
  dispose(): Promise<void>;
}

/** Options of {@link prepareTarget}. */
export interface PrepareTargetOptions {
  /** Host folder for the copy. */
  readonly tempDir: string;
  /** Folder caching `node_modules` per dependency set, shared between proofs; none when absent. */
  readonly installCacheDir?: string;
  /** Install devDependencies too (an application started with `tsx` needs them). */
  readonly includeDev?: boolean;
  /** The npm executable; default `npm` from PATH. */
  readonly npm?: string;
  readonly installTimeoutMs?: number;
}

interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  const path = join(dir, 'package.json');
  if (!(await pathExists(path))) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

const SKIPPED = new Set(['.git', 'coverage', '.yagura']);

/**
 * Copy `root` and install its dependencies OUTSIDE the sandbox with
 * `npm install --omit=dev --ignore-scripts`: that runs no package code (no lifecycle scripts), it only
 * downloads and unpacks. A failed install is reported in `problems`, never thrown.
 */
export async function prepareTarget(root: string, options: PrepareTargetOptions): Promise<PreparedTarget> {
  const dir = await mkdtemp(join(options.tempDir, `yagura-proof-${basename(root).replace(/[^\w.-]/g, '_')}-`));
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  // The sandbox user mounts node_modules from here read-only: it must traverse this folder.
  await chmod(dir, 0o711);
  await cp(root, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !SKIPPED.has(basename(src)) });
  const manifest = await readManifest(dir);
  const problems: string[] = [];
  const declared = { ...(manifest?.dependencies ?? {}), ...(options.includeDev === true ? (manifest?.devDependencies ?? {}) : {}) };
  // require('fs') always loads the core module, so a dependency named like one (the registry's
  // `fs@0.0.1-security` placeholder) is never used, and one that no longer resolves must not fail the install.
  const deps = Object.fromEntries(Object.entries(declared).filter(([name]) => !isBuiltin(name)));
  const all = Object.keys({ ...(manifest?.dependencies ?? {}), ...(manifest?.devDependencies ?? {}) });
  // npm resolves devDependencies too, even with --omit=dev.
  if (manifest !== undefined && all.some((name) => isBuiltin(name))) await dropBuiltinDependencies(dir, manifest);
  let installed = false;
  if (Object.keys(deps).length > 0 && !(await pathExists(join(dir, 'node_modules')))) {
    try {
      installed = await installDependencies(dir, deps, options);
    } catch (error: unknown) {
      problems.push(`npm install failed: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
    }
  }
  return {
    dir,
    installed,
    problems,
    ...(typeof manifest?.name === 'string' ? { packageName: manifest.name } : {}),
    ...(typeof manifest?.version === 'string' ? { packageVersion: manifest.version } : {}),
    dispose,
  };
}

async function installDependencies(dir: string, deps: Record<string, string>, options: PrepareTargetOptions): Promise<boolean> {
  const key = createHash('sha256')
    .update(JSON.stringify({ deps: Object.entries(deps).sort(), dev: options.includeDev === true, lock: await lockText(dir) }))
    .digest('hex')
    .slice(0, 24);
  const cached = options.installCacheDir === undefined ? undefined : join(options.installCacheDir, key, 'node_modules');
  if (cached !== undefined && (await pathExists(cached))) {
    await cp(cached, join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    return true;
  }
  const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--loglevel=error'];
  if (options.includeDev !== true) args.push('--omit=dev');
  await run(options.npm ?? 'npm', args, { cwd: dir, timeout: options.installTimeoutMs ?? 180_000, maxBuffer: 16 * 1024 * 1024 });
  if (cached !== undefined) {
    // Copy to a temporary name first so a concurrent reader never sees half a cache entry.
    const staging = `${cached}.${randomUUID()}.tmp`;
    await mkdir(join(cached, '..'), { recursive: true });
    await cp(join(dir, 'node_modules'), staging, { recursive: true, verbatimSymlinks: true });
    await rename(staging, cached).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      if (!(await pathExists(cached))) throw error;
    });
  }
  return true;
}

/** Rewrite the copy's manifest without dependencies named like core modules (npm installs from the file). */
async function dropBuiltinDependencies(dir: string, manifest: Manifest): Promise<void> {
  const keep = (deps: Record<string, string> | undefined) =>
    deps === undefined ? undefined : Object.fromEntries(Object.entries(deps).filter(([name]) => !isBuiltin(name)));
  const rewritten = { ...manifest, dependencies: keep(manifest.dependencies), devDependencies: keep(manifest.devDependencies) };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(rewritten, null, 2)}\n`);
}

async function lockText(dir: string): Promise<string> {
  const path = join(dir, 'package-lock.json');
  return (await pathExists(path)) ? readFile(path, 'utf8') : '';
}

import { randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { pathExists } from './path-exists.js';
import type { AppProfile } from './witness/http-witness.js';

/** Folder inside the prepared copy that holds Yagura's own runtime helpers (PGlite). */
const RUNTIME_DIR = '.yagura-runtime';
const CODE = /\.(?:[cm]?js|ts)$/;
const SKIPPED = new Set(['node_modules', '.git', RUNTIME_DIR, 'dist', 'coverage']);

async function readSources(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && CODE.test(entry.name) && files.size < 2000) files.set(relative(dir, path).split(sep).join('/'), await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return files;
}

/** Options of {@link discoverApp}. */
export interface DiscoverAppOptions {
  /** Host folder of the PGlite package (`@electric-sql/pglite`), copied in when the app uses `pg`. */
  readonly pglitePackageDir?: string;
  /** Folder keeping the PGlite data snapshot between proof runs (made once, ~10 s); none when absent. */
  readonly cacheDir?: string;
}

interface PGliteHandle {
  query(sql: string): Promise<unknown>;
  dumpDataDir(compression: 'none'): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * A freshly initialised PGlite data folder as a tar, made on the host with Yagura's own PGlite (no scanned
 * code runs): witnesses load it instead of running initdb in every sandbox.
 */
async function pgliteSnapshot(packageDir: string, cacheDir: string | undefined): Promise<Buffer> {
  const version = (JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  const cached = cacheDir === undefined ? undefined : join(cacheDir, `pglite-${version}-pgdata.tar`);
  if (cached !== undefined && (await pathExists(cached))) return readFile(cached);
  const mod = (await import(pathToFileURL(join(packageDir, 'dist', 'index.js')).href)) as { PGlite: new () => PGliteHandle };
  const db = new mod.PGlite();
  let tar: Buffer;
  try {
    await db.query('select 1');
    tar = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
  } finally {
    await db.close();
  }
  if (cached !== undefined && cacheDir !== undefined) {
    await mkdir(cacheDir, { recursive: true });
    const staging = `${cached}.${randomUUID()}.tmp`;
    await writeFile(staging, tar);
    await rename(staging, cached);
  }
  return tar;
}

/**
 * How to start the Express application in a prepared copy: its start file (from `scripts.start`, `main`,
 * or a usual name), `--import tsx` when it has TypeScript, and an embedded PostgreSQL when it uses `pg`.
 * Returns a reason instead when the app cannot be started.
 */
export async function discoverApp(dir: string, options: DiscoverAppOptions = {}): Promise<AppProfile | { readonly reason: string }> {
  const manifestPath = join(dir, 'package.json');
  const manifest = (await pathExists(manifestPath))
    ? (JSON.parse(await readFile(manifestPath, 'utf8')) as { main?: string; scripts?: Record<string, string>; dependencies?: Record<string, string> })
    : {};
  const deps = manifest.dependencies ?? {};
  if (deps.express === undefined) return { reason: 'only Express applications can be started (no express dependency)' };
  const files = await readSources(dir);
  const start = manifest.scripts?.start ?? '';
  const fromScript = start.split(/\s+/).find((token) => CODE.test(token) && files.has(token.replace(/^\.\//, '')));
  const candidates = [fromScript, manifest.main, 'server.js', 'app.js', 'index.js', 'src/server.js', 'src/app.js', 'src/index.js'];
  const entry = candidates.map((c) => c?.replace(/^\.\//, '')).find((c): c is string => c !== undefined && files.has(c));
  if (entry === undefined) return { reason: 'no start file found (scripts.start, main, server.js, app.js, index.js)' };
  const hasTypeScript = [...files.keys()].some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const hasTsx = await pathExists(join(dir, 'node_modules', 'tsx'));
  if (hasTypeScript && !hasTsx) return { reason: 'the app has TypeScript files but tsx is not installed' };
  let pglite: string | undefined;
  if (deps.pg !== undefined && options.pglitePackageDir !== undefined) {
    const target = join(dir, RUNTIME_DIR, 'pglite');
    await cp(options.pglitePackageDir, target, {
      recursive: true,
      filter: (src) => !/\.(?:map|d\.ts|d\.cts|tar\.gz)$/.test(src) && basename(src) !== 'contrib',
    });
    await writeFile(join(dir, RUNTIME_DIR, 'pgdata.tar'), await pgliteSnapshot(options.pglitePackageDir, options.cacheDir), { mode: 0o644 });
    pglite = `/work/${RUNTIME_DIR}/pglite`;
  }
  return {
    entry,
    nodeArgs: hasTypeScript ? ['--import', 'tsx'] : [],
    ...(pglite === undefined ? {} : { pglite }),
    databaseEnv: ['DATABASE_URL', 'POSTGRES_URL', 'PG_URL'],
    files,
  };
}

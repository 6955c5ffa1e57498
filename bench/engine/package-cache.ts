import { execFile } from 'node:child_process';
import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const COMPLETE_MARKER = '.complete';

/** Where downloaded tarballs live: `$YAGURA_BENCH_CACHE`, else `~/.cache/yagura-bench` (never inside the repo). */
export function resolveCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.YAGURA_BENCH_CACHE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.cache', 'yagura-bench');
}

/** The cache folder of one package version (`@scope/name` becomes `@scope__name`). */
export function packageCacheDir(cacheDir: string, name: string, version: string): string {
  return join(cacheDir, `${name.replace(/\//g, '__')}@${version}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}

/** The tarball's single top folder (`package/` for most, `ejs-v3.1.6/` for some). */
async function topFolder(srcDir: string): Promise<string> {
  const entries = await readdir(srcDir, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory());
  const first = dirs[0];
  if (dirs.length !== 1 || first === undefined) return srcDir;
  return join(srcDir, first.name);
}

/**
 * Download (`npm pack`) and extract one package version into the cache, reusing a completed earlier
 * download. Returns the extracted package root.
 */
export async function fetchPackage(cacheDir: string, name: string, version: string): Promise<string> {
  const dir = packageCacheDir(cacheDir, name, version);
  const srcDir = join(dir, 'src');
  if (await exists(join(dir, COMPLETE_MARKER))) return topFolder(srcDir);
  await rm(dir, { recursive: true, force: true });
  const tgzDir = join(dir, 'tgz');
  await mkdir(tgzDir, { recursive: true });
  await mkdir(srcDir, { recursive: true });
  try {
    await run('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', tgzDir], { maxBuffer: 16 * 1024 * 1024 });
    const tarball = (await readdir(tgzDir)).find((f) => f.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack produced no tarball for ${name}@${version}`);
    await run('tar', ['--warning=no-unknown-keyword', '-xzf', join(tgzDir, tarball), '-C', srcDir]);
  } catch (error: unknown) {
    throw new Error(`Could not download ${name}@${version}`, { cause: error });
  }
  await writeFile(join(dir, COMPLETE_MARKER), `${name}@${version}\n`);
  return topFolder(srcDir);
}

import { constants } from 'node:fs';
import { chmod, cp, lchown, mkdir, mkdtemp, open, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

import { UsageError } from '../../core/index.js';
import type { CollectedFile } from './types.js';

/** The throw-away folders of one run. */
export interface ThrowAwayWorkdir {
  /** Folder holding everything of the run; removed by {@link removeWorkdir}. */
  readonly root: string;
  /** The copy of the caller's workdir, mounted at `/work`. */
  readonly work: string;
  /** A private home, used only when running without the sandbox. */
  readonly home: string;
  /** passwd and group files naming only the sandbox user, so `os.userInfo()` works inside. */
  readonly identityFiles: { readonly passwd: string; readonly group: string };
}

/**
 * Copy `source` into a fresh folder under `tempDir`, owned by `uid` when given so the sandbox user can write it.
 * Symlinks are copied as they are (never followed), so a link to a host file stays a dangling link inside.
 */
export async function prepareWorkdir(source: string, tempDir: string, uid?: number, skip: readonly string[] = []): Promise<ThrowAwayWorkdir> {
  const info = await stat(source).catch((error: unknown) => {
    throw new UsageError(`Sandbox workdir ${source} cannot be read`, { cause: error });
  });
  if (!info.isDirectory()) throw new UsageError(`Sandbox workdir ${source} is not a directory`);
  const root = await mkdtemp(join(tempDir, 'yagura-sandbox-'));
  const work = join(root, 'work');
  const home = join(root, 'home');
  const identityFiles = { passwd: join(root, 'passwd'), group: join(root, 'group') };
  try {
    const id = uid ?? 65534;
    await writeFile(identityFiles.passwd, `sandbox:x:${id}:${id}:sandbox:/tmp/home:/bin/sh\n`, { mode: 0o644 });
    await writeFile(identityFiles.group, `sandbox:x:${id}:\n`, { mode: 0o644 });
    const skipped = new Set(skip.map((name) => join(source, name)));
    await cp(source, work, { recursive: true, verbatimSymlinks: true, errorOnExist: true, force: false, filter: (src) => !skipped.has(src) });
    // Mount points of the folders bound read-only instead of copied.
    for (const name of skip) await mkdir(join(work, name));
    await mkdir(home);
    if (uid !== undefined) {
      // The sandbox user must traverse root and own the copy; nobody else may read it.
      await chmod(root, 0o711);
      await chownTree(work, uid);
      await lchown(home, uid, uid);
    }
  } catch (error: unknown) {
    await removeWorkdir({ root, work, home, identityFiles });
    throw error;
  }
  return { root, work, home, identityFiles };
}

/**
 * Check that another uid can reach folders inside `dir` (every ancestor searchable by others), as the
 * sandbox user must reach its copy there.
 */
export async function assertTraversable(dir: string): Promise<void> {
  let current = resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: unknown) => {
      throw new UsageError(`Sandbox temp folder ${dir} cannot be read`, { cause: error });
    });
    if ((info.mode & 0o001) === 0) {
      throw new UsageError(`Sandbox temp folder ${dir}: ${current} is not searchable by other users (chmod o+x)`);
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** Give every entry under `dir` (links themselves, not their targets) to `uid`. */
async function chownTree(dir: string, uid: number): Promise<void> {
  await lchown(dir, uid, uid);
  const entries = await readdir(dir, { recursive: true });
  for (const entry of entries) await lchown(join(dir, entry), uid, uid);
}

/** Remove the throw-away folders of a run. */
export async function removeWorkdir(workdir: ThrowAwayWorkdir): Promise<void> {
  await rm(workdir.root, { recursive: true, force: true, maxRetries: 3 });
}

/** Whether `path` names a file strictly inside the workdir: relative, no `..`, not empty. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || isAbsolute(path)) return false;
  const normal = normalize(path);
  return normal !== '.' && normal !== '..' && !normal.startsWith(`..${sep}`) && !normal.split(sep).includes('..');
}

/**
 * Read back the requested files from the copy. The sandboxed code controls that folder, so a path that is
 * a symlink anywhere along the way, is not a regular file or escapes `/work` is skipped, never followed.
 */
export async function collectFiles(work: string, paths: readonly string[], maxBytes: number): Promise<CollectedFile[]> {
  const realWork = await realpath(work);
  const files: CollectedFile[] = [];
  for (const path of paths) {
    if (!isSafeRelativePath(path)) continue;
    const expected = join(realWork, normalize(path));
    const real = await realpath(expected).catch(undefinedOnFsError);
    if (real !== expected) continue;
    const content = await readRegularFile(expected, maxBytes);
    if (content !== undefined) files.push({ path, content });
  }
  return files;
}

/** Read at most `maxBytes` of a regular file without following a final symlink; undefined if it is not one. */
async function readRegularFile(path: string, maxBytes: number): Promise<Buffer | undefined> {
  // O_NONBLOCK: a FIFO left by the sandboxed code must not hang the read-back.
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    undefinedOnFsError,
  );
  if (handle === undefined) return undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const length = Math.min(info.size, maxBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Map a file-system error (missing file, symlink loop, refused link) to undefined; rethrow anything else. */
function undefinedOnFsError(error: unknown): undefined {
  if (error instanceof Error && 'code' in error) return undefined;
  throw error;
}

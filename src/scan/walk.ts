import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

import ignoreFactory, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

import { ScanPathError, type Diagnostic, type SourceFile } from '../core/index.js';

/** What to read from the scanned tree. */
export interface WalkOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileBytes: number;
  readonly respectGitignore: boolean;
}

/** The files read, and what was skipped and why. */
export interface WalkResult {
  /** Absolute, real path of the scanned root. */
  readonly root: string;
  readonly files: SourceFile[];
  readonly diagnostics: Diagnostic[];
  readonly bytes: number;
}

/** Bytes inspected for a NUL to decide that a file is binary (as git does). */
const BINARY_PROBE_BYTES = 8000;

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Read the source files under `path`. Never follows a symbolic link out of the root (nor
 * into it: linked files are reached by their real path), skips binary and oversized files
 * with a diagnostic, and decodes invalid UTF-8 with replacement characters and a diagnostic.
 * A missing or unreadable root is a {@link ScanPathError}.
 */
export async function walkSources(path: string, options: WalkOptions): Promise<WalkResult> {
  const root = await resolveRoot(path);
  const isIncluded = picomatch([...options.include], { dot: true });
  const isExcluded = picomatch([...options.exclude], { dot: true });
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let bytes = 0;

  const visit = async (dir: string, ignores: readonly { base: string; rules: Ignore }[]): Promise<void> => {
    const scoped = options.respectGitignore ? await withGitignore(dir, ignores, diagnostics, root) : ignores;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ code: 'UNREADABLE_FILE', file: toPosix(relative(root, dir)) || '.', message: `cannot list directory: ${errorText(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const rel = toPosix(relative(root, abs));
      if (entry.isDirectory()) {
        if (entry.name === '.git' || isExcluded(`${rel}/`) || isExcluded(`${rel}/x`)) continue;
        if (isGitIgnored(scoped, abs, true)) continue;
        await visit(abs, scoped);
        continue;
      }
      if (entry.isSymbolicLink()) {
        await checkLink(root, abs, rel, diagnostics);
        continue;
      }
      if (!entry.isFile() || !isIncluded(rel) || isExcluded(rel) || isGitIgnored(scoped, abs, false)) continue;
      const file = await readSource(abs, rel, options.maxFileBytes, diagnostics);
      if (file) {
        files.push(file);
        bytes += file.text.length;
      }
    }
  };

  if ((await stat(root)).isFile()) {
    const file = await readSource(root, toPosix(relative(dirname(root), root)), options.maxFileBytes, diagnostics);
    return { root: dirname(root), files: file ? [file] : [], diagnostics, bytes: file?.text.length ?? 0 };
  }
  await visit(root, []);
  return { root, files, diagnostics, bytes };
}

async function resolveRoot(path: string): Promise<string> {
  try {
    const real = await realpath(path);
    const info = await stat(real);
    if (!info.isDirectory() && !info.isFile()) throw new ScanPathError(path, 'not a directory or regular file');
    if (info.isDirectory()) await readdir(real);
    return real;
  } catch (error) {
    if (error instanceof ScanPathError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : errorText(error);
    throw new ScanPathError(path, reason, { cause: error });
  }
}

async function checkLink(root: string, abs: string, rel: string, diagnostics: Diagnostic[]): Promise<void> {
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    diagnostics.push({ code: 'UNREADABLE_FILE', file: rel, message: 'dangling symbolic link skipped' });
    return;
  }
  const inside = target === root || target.startsWith(root + sep);
  if (!inside) {
    diagnostics.push({ code: 'SYMLINK_OUTSIDE_ROOT', file: rel, message: 'symbolic link points outside the scanned root; not followed' });
  }
  // Links inside the root are not followed either: their targets are scanned at their real path.
}

async function readSource(abs: string, rel: string, maxBytes: number, diagnostics: Diagnostic[]): Promise<SourceFile | undefined> {
  try {
    const info = await lstat(abs);
    if (info.size > maxBytes) {
      diagnostics.push({ code: 'FILE_TOO_LARGE', file: rel, message: `${info.size} bytes is over the limit of ${maxBytes}; skipped` });
      return undefined;
    }
    if (await looksBinary(abs)) {
      diagnostics.push({ code: 'BINARY_FILE', file: rel, message: 'binary content; skipped' });
      return undefined;
    }
    const buffer = await readFile(abs);
    return { path: rel, text: decode(buffer, rel, diagnostics) };
  } catch (error) {
    diagnostics.push({ code: 'UNREADABLE_FILE', file: rel, message: `cannot read: ${errorText(error)}` });
    return undefined;
  }
}

async function looksBinary(abs: string): Promise<boolean> {
  const handle = await open(abs, 'r');
  try {
    const probe = Buffer.alloc(BINARY_PROBE_BYTES);
    const { bytesRead } = await handle.read(probe, 0, BINARY_PROBE_BYTES, 0);
    return probe.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

function decode(buffer: Buffer, rel: string, diagnostics: Diagnostic[]): string {
  try {
    return strictUtf8.decode(buffer);
  } catch {
    diagnostics.push({ code: 'INVALID_UTF8', file: rel, message: 'invalid UTF-8; undecodable bytes replaced with U+FFFD' });
    return lenientUtf8.decode(buffer);
  }
}

async function withGitignore(
  dir: string,
  inherited: readonly { base: string; rules: Ignore }[],
  diagnostics: Diagnostic[],
  root: string,
): Promise<readonly { base: string; rules: Ignore }[]> {
  let text: string;
  try {
    text = await readFile(join(dir, '.gitignore'), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return inherited;
    diagnostics.push({ code: 'UNREADABLE_FILE', file: toPosix(relative(root, join(dir, '.gitignore'))), message: `cannot read .gitignore: ${errorText(error)}` });
    return inherited;
  }
  return [...inherited, { base: dir, rules: ignoreFactory().add(text) }];
}

function isGitIgnored(scopes: readonly { base: string; rules: Ignore }[], abs: string, isDir: boolean): boolean {
  for (const { base, rules } of scopes) {
    const rel = toPosix(relative(base, abs));
    if (rel && !rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

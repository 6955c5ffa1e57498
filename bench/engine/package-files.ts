import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { SourceFile } from '../../src/core/index.js';

/** Files larger than this are skipped (bundles, generated tables). */
export const MAX_FILE_BYTES = 1024 * 1024;

const SKIPPED_DIRS = new Set(['node_modules', 'test', 'tests', '__tests__', 'example', 'examples']);
const CODE_FILE = /\.(?:c|m)?js$|(?<!\.d)\.ts$/;

/** Whether a path (relative, with `/`) is package code both tools should analyse. */
export function isBenchCodeFile(relPath: string, sizeBytes: number): boolean {
  if (sizeBytes > MAX_FILE_BYTES) return false;
  const parts = relPath.split('/');
  if (parts.slice(0, -1).some((dir) => SKIPPED_DIRS.has(dir))) return false;
  const name = parts[parts.length - 1] ?? '';
  return CODE_FILE.test(name) && !name.endsWith('.min.js');
}

/** Whether a path is a `package.json` the engine should see (threat model, entry points). */
export function isBenchManifestFile(relPath: string): boolean {
  const parts = relPath.split('/');
  return parts[parts.length - 1] === 'package.json' && !parts.slice(0, -1).some((dir) => SKIPPED_DIRS.has(dir));
}

/** One package version as read from disk: code files (what both tools analyse) and manifests. */
export interface PackageFiles {
  readonly code: readonly SourceFile[];
  readonly manifests: readonly SourceFile[];
  /** Lines of the code files. */
  readonly lines: number;
}

/** Number of lines of a text, the way editors count them. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Read the code files and package.json files under an extracted package root, sorted by path. */
export async function readPackageFiles(root: string): Promise<PackageFiles> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const code: SourceFile[] = [];
  const manifests: SourceFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const relPath = absolute.slice(root.length + 1).split('\\').join('/');
    const isManifest = isBenchManifestFile(relPath);
    if (!isManifest && !CODE_FILE.test(entry.name)) continue;
    const { size } = await stat(absolute);
    if (isManifest) manifests.push({ path: relPath, text: await readFile(absolute, 'utf8') });
    else if (isBenchCodeFile(relPath, size)) code.push({ path: relPath, text: await readFile(absolute, 'utf8') });
  }
  const byPath = (a: SourceFile, b: SourceFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  code.sort(byPath);
  manifests.sort(byPath);
  return { code, manifests, lines: code.reduce((sum, f) => sum + countLines(f.text), 0) };
}

import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_CONFIG } from '../config/index.js';
import { ScanPathError } from '../core/index.js';
import { walkSources } from './walk.js';

let dir: string;
let outside: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-walk-'));
  outside = await mkdtemp(join(tmpdir(), 'yagura-outside-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function tree(files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

const paths = (r: { files: { path: string }[] }): string[] => r.files.map((f) => f.path);

describe('walkSources', () => {
  it('reads JS/TS sources and package.json, skipping node_modules, build output and other files', async () => {
    await tree({
      'package.json': '{}',
      'src/a.js': 'a',
      'src/b.ts': 'b',
      'src/c.tsx': 'c',
      'src/types.d.ts': 'd',
      'README.md': '#',
      'node_modules/x/index.js': 'x',
      'dist/out.js': 'o',
      'vendor.min.js': 'm',
    });
    const result = await walkSources(dir, DEFAULT_CONFIG);
    expect(paths(result)).toEqual(['package.json', 'src/a.js', 'src/b.ts', 'src/c.tsx']);
    expect(result.diagnostics).toEqual([]);
  });

  it('respects .gitignore at the root and in subfolders', async () => {
    await tree({ '.gitignore': 'generated/\n', 'generated/g.js': 'g', 'lib/.gitignore': 'secret.js\n', 'lib/secret.js': 's', 'lib/ok.js': 'k' });
    expect(paths(await walkSources(dir, DEFAULT_CONFIG))).toEqual(['lib/ok.js']);
  });

  it('applies include and exclude globs from the configuration', async () => {
    await tree({ 'src/a.js': 'a', 'test/a.test.js': 't', 'scripts/s.js': 's' });
    const result = await walkSources(dir, { ...DEFAULT_CONFIG, include: ['src/**', 'test/**'], exclude: [...DEFAULT_CONFIG.exclude, 'test/**'] });
    expect(paths(result)).toEqual(['src/a.js']);
  });

  it('never follows a symbolic link out of the scanned root', async () => {
    await writeFile(join(outside, 'stolen.js'), 'secret');
    await mkdir(join(outside, 'dir'));
    await writeFile(join(outside, 'dir', 'x.js'), 'x');
    await tree({ 'a.js': 'a' });
    await symlink(join(outside, 'stolen.js'), join(dir, 'link.js'));
    await symlink(join(outside, 'dir'), join(dir, 'linkdir'));
    const result = await walkSources(dir, DEFAULT_CONFIG);
    expect(paths(result)).toEqual(['a.js']);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['SYMLINK_OUTSIDE_ROOT', 'link.js'],
      ['SYMLINK_OUTSIDE_ROOT', 'linkdir'],
    ]);
  });

  it('does not loop on a symbolic link cycle inside the root', async () => {
    await tree({ 'a/b.js': 'b' });
    await symlink(join(dir, 'a'), join(dir, 'a', 'loop'));
    expect(paths(await walkSources(dir, DEFAULT_CONFIG))).toEqual(['a/b.js']);
  });

  it('skips binary and oversized files with a diagnostic', async () => {
    await tree({ 'bin.js': Buffer.from([0x63, 0x00, 0x01, 0x02]), 'big.js': 'x'.repeat(2048), 'ok.js': 'ok' });
    const result = await walkSources(dir, { ...DEFAULT_CONFIG, maxFileBytes: 1024 });
    expect(paths(result)).toEqual(['ok.js']);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['FILE_TOO_LARGE', 'big.js'],
      ['BINARY_FILE', 'bin.js'],
    ]);
  });

  it('decodes invalid UTF-8 with replacement characters and a diagnostic', async () => {
    await tree({ 'latin1.js': Buffer.from([0x76, 0x61, 0x72, 0x20, 0x73, 0x3d, 0x27, 0xe9, 0x27]) });
    const result = await walkSources(dir, DEFAULT_CONFIG);
    expect(result.files[0]?.text).toBe("var s='\uFFFD'");
    expect(result.diagnostics[0]?.code).toBe('INVALID_UTF8');
  });

  it('rejects a missing path with a coded error', async () => {
    const error = await walkSources(join(dir, 'missing'), DEFAULT_CONFIG).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanPathError);
    expect((error as ScanPathError).code).toBe('SCAN_PATH_INVALID');
    expect((error as ScanPathError).message).toMatch(/no such file or directory/);
  });

  it('reports an unreadable file and goes on', async () => {
    await tree({ 'a.js': 'a', 'locked.js': 'l' });
    await chmod(join(dir, 'locked.js'), 0o000);
    const result = await walkSources(dir, DEFAULT_CONFIG);
    // root reads anything; as another user the file is reported unreadable and skipped
    const readable = result.files.some((f) => f.path === 'locked.js');
    expect(readable || result.diagnostics.some((d) => d.code === 'UNREADABLE_FILE' && d.file === 'locked.js')).toBe(true);
    expect(paths(result)).toContain('a.js');
  });

  it('scans a single file given as the path', async () => {
    await tree({ 'one.js': 'one', 'two.js': 'two' });
    const result = await walkSources(join(dir, 'one.js'), DEFAULT_CONFIG);
    expect(paths(result)).toEqual(['one.js']);
  });
});

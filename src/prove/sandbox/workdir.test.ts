import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UsageError } from '../../core/index.js';
import { collectFiles, isSafeRelativePath, prepareWorkdir, removeWorkdir } from './workdir.js';

let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'yagura-workdir-test-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('prepareWorkdir', () => {
  it('copies the tree, keeps symlinks as links and removes everything afterwards', async () => {
    const source = join(base, 'source');
    await mkdir(join(source, 'sub'), { recursive: true });
    await writeFile(join(source, 'sub', 'a.txt'), 'a');
    await symlink('/etc/hostname', join(source, 'link'));
    const workdir = await prepareWorkdir(source, base);

    expect(await readFile(join(workdir.work, 'sub', 'a.txt'), 'utf8')).toBe('a');
    expect((await collectFiles(workdir.work, ['link'], 100)).length).toBe(0);
    await removeWorkdir(workdir);
    await expect(stat(workdir.root)).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(source, 'sub', 'a.txt'), 'utf8')).toBe('a');
  });

  it('rejects a workdir that is not a directory', async () => {
    const file = join(base, 'plain.txt');
    await writeFile(file, 'x');
    await expect(prepareWorkdir(file, base)).rejects.toBeInstanceOf(UsageError);
    await expect(prepareWorkdir(join(base, 'missing'), base)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('collectFiles', () => {
  it('reads regular files up to the byte limit and skips paths that leave the folder', async () => {
    const work = join(base, 'collect');
    await mkdir(join(work, 'dir'), { recursive: true });
    await writeFile(join(work, 'big.txt'), '0123456789');
    await symlink('/etc', join(work, 'etc-link'));
    const files = await collectFiles(work, ['big.txt', 'dir', 'etc-link/hostname', '../collect/big.txt', '/etc/hostname'], 4);
    expect(files.map((file) => [file.path, file.content.toString('utf8')])).toEqual([['big.txt', '0123']]);
  });
});

describe('isSafeRelativePath', () => {
  it.each([
    ['out.json', true],
    ['a/b/c.txt', true],
    ['./a.txt', true],
    ['', false],
    ['.', false],
    ['..', false],
    ['../x', false],
    ['a/../../x', false],
    ['/etc/passwd', false],
  ])('%s -> %s', (path, safe) => {
    expect(isSafeRelativePath(path)).toBe(safe);
  });
});

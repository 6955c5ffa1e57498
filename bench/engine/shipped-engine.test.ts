import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { assertBuildCurrent, StaleBuildError } from './shipped-engine.js';

let repo: string;
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'yagura-build-'));
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

/** Write a file with a modification time `secondsAgo` in the past. */
async function put(rel: string, secondsAgo: number): Promise<void> {
  const path = join(repo, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '');
  const when = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, when, when);
}

describe('assertBuildCurrent', () => {
  it('accepts a dist/ with every compiled module written after its source', async () => {
    await put('src/engine/index.ts', 60);
    await put('src/engine/taint/value.ts', 60);
    await put('dist/engine/index.js', 10);
    await put('dist/engine/taint/value.js', 10);
    // Tests, fixtures and test support are not compiled, so they need no module.
    await put('src/engine/index.test.ts', 1);
    await put('src/engine/fixtures/a/main.ts', 1);
    await put('src/engine/test-support/harness.ts', 1);
    await expect(assertBuildCurrent(repo)).resolves.toBeUndefined();
  });

  it('rejects a source changed after its module was built', async () => {
    await put('src/engine/index.ts', 60);
    await put('src/engine/taint/value.ts', 5);
    await put('dist/engine/index.js', 10);
    await put('dist/engine/taint/value.js', 10);
    const error = await assertBuildCurrent(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleBuildError);
    expect(error).toMatchObject({ code: 'BENCH_STALE_BUILD', file: 'src/engine/taint/value.ts' });
    expect(String(error)).toContain('npm run build');
  });

  it('rejects a source that has no compiled module', async () => {
    await put('src/engine/index.ts', 60);
    await put('src/scan/walk.ts', 60);
    await put('dist/engine/index.js', 10);
    await expect(assertBuildCurrent(repo)).rejects.toMatchObject({ code: 'BENCH_STALE_BUILD', file: 'src/scan/walk.ts', message: expect.stringContaining('not compiled') as unknown });
  });
});

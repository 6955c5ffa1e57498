import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { prepareTarget } from './prepare-target.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let tempDir: string;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'yagura-prepare-test-'));
  await chmod(tempDir, 0o711);
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

describe('prepareTarget', () => {
  it('drops dependencies named like core modules instead of failing the install on them', async () => {
    // `fs@0.0.1-security` is a registry placeholder; require('fs') loads the core module whatever is installed.
    const target = await prepareTarget(join(FIXTURES, 'lib-builtin-dep'), { tempDir, npm: '/nonexistent/npm' });
    try {
      expect(target.problems).toEqual([]);
      expect(target.installed).toBe(false);
      const manifest = JSON.parse(await readFile(join(target.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest.dependencies).toEqual({});
      expect(manifest.devDependencies).toEqual({});
      expect(manifest.name).toBe('lib-builtin-dep');
    } finally {
      await target.dispose();
    }
    // The original project is never touched.
    const original = JSON.parse(await readFile(join(FIXTURES, 'lib-builtin-dep', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(original.dependencies).toEqual({ fs: '0.0.1-security' });
  });

});

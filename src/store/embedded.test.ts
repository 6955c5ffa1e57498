import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StoreUnavailableError, UsageError } from '../core/index.js';
import { openStore } from './index.js';
import { describeStoreContract, makeFinding } from './store.contract.js';

describeStoreContract('embedded PGlite in memory', () => openStore({ memory: true }));

describe('embedded store on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yagura-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps projects, scans and findings across a close and reopen, migrating once', async () => {
    const dataDir = join(dir, 'nested', 'db');
    const first = await openStore({ dataDir });
    const project = await first.ensureProject({ name: 'persisted', rootPath: '/src/p' });
    const begun = await first.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
    await first.completeScan(begun.id, { findings: [makeFinding('disk')] });
    const before = await first.listFindings({ projectId: project.id });
    await first.close();
    await expect(first.close()).resolves.toBeUndefined();

    const second = await openStore({ dataDir });
    try {
      expect(await second.getProject('persisted')).toEqual(project);
      expect((await second.latestScan(project.id))?.id).toBe(begun.id);
      expect(await second.listFindings({ projectId: project.id })).toEqual(before);
      const again = await second.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
      const { counts } = await second.completeScan(again.id, { findings: [makeFinding('disk')] });
      expect(counts).toMatchObject({ new: 0, unchanged: 1 });
    } finally {
      await second.close();
    }
  });

  it('fails with StoreUnavailableError when the directory cannot be created', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const attempt = openStore({ dataDir: join(file, 'db') });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(/Cannot open the embedded database in .*a-file/);
  });

  it('needs exactly one of url, dataDir and memory', async () => {
    await expect(openStore({})).rejects.toBeInstanceOf(UsageError);
    await expect(openStore({ memory: true, dataDir: dir })).rejects.toBeInstanceOf(UsageError);
    await expect(openStore({ url: 'mysql://localhost/db' })).rejects.toBeInstanceOf(UsageError);
  });
});

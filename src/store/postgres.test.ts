import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StoreUnavailableError } from '../core/index.js';
import { openStore, redactUrl } from './index.js';
import { MIGRATIONS } from './migrations/index.js';
import { describeStoreContract, makeFinding } from './store.contract.js';

// A real server is required: when it is unreachable these tests fail, they never skip.
const ADMIN_URL = process.env.YAGURA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const created: string[] = [];

/** Create an empty database and return its URL. */
async function createDatabase(): Promise<string> {
  const name = `yagura_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Ids recorded in `schema_migrations` of the database at `url`. */
async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select id from schema_migrations order by id');
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

afterAll(dropDatabases);

it('reaches the PostgreSQL test server (set YAGURA_TEST_DATABASE_URL to use another)', async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    expect(rows[0]?.server_version).toMatch(/^\d+/);
  } finally {
    await client.end();
  }
});

describeStoreContract('PostgreSQL', async () => openStore({ url: await createDatabase() }));

describe('PostgreSQL store', () => {
  let url = '';
  beforeAll(async () => {
    url = await createDatabase();
  });

  it('migrates once when opened twice, keeping the data', async () => {
    const first = await openStore({ url });
    const project = await first.ensureProject({ name: 'reopened', rootPath: '/r' });
    await first.close();
    const second = await openStore({ url });
    try {
      expect(await second.getProject('reopened')).toEqual(project);
    } finally {
      await second.close();
    }
    await expect(second.close()).resolves.toBeUndefined();
    expect(await appliedMigrations(url)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('lets two processes migrate a fresh database at the same time', async () => {
    const fresh = await createDatabase();
    const stores = await Promise.all([openStore({ url: fresh }), openStore({ url: fresh }), openStore({ url: fresh })]);
    try {
      const [a, b] = stores;
      const project = await a.ensureProject({ name: 'shared', rootPath: '/s' });
      expect((await b.getProject('shared')).id).toBe(project.id);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    expect(await appliedMigrations(fresh)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('serialises two scans of one project completing at once', async () => {
    const a = await openStore({ url });
    const b = await openStore({ url });
    try {
      const project = await a.ensureProject({ name: 'racing', rootPath: '/r' });
      const begin = () => a.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
      const [s1, s2] = [await begin(), await begin()];
      const findings = [makeFinding('race-1'), makeFinding('race-2')];
      const results = await Promise.all([
        a.completeScan(s1.id, { findings }),
        b.completeScan(s2.id, { findings }),
      ]);
      expect(results.map((r) => r.counts.new).sort()).toEqual([0, 2]);
      expect(await a.listFindings({ projectId: project.id })).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('fails with StoreUnavailableError that never shows the password', async () => {
    const attempt = openStore({ url: 'postgres://yagura:s3cret-pw@127.0.0.1:1/none' });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    const error: unknown = await attempt.catch((e: unknown) => e);
    expect(error instanceof Error ? error.message : '').toMatch(/^Cannot reach PostgreSQL at postgres:\/\/yagura:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(error instanceof Error ? error.message : '').not.toContain('s3cret-pw');
  });

  it('redacts passwords from URLs, parseable or not', () => {
    expect(redactUrl('postgres://u:p%40ss@db:5432/x?sslmode=require')).toBe('postgres://u:***@db:5432/x?sslmode=require');
    expect(redactUrl('postgres://u@db/x')).toBe('postgres://u@db/x');
    expect(redactUrl('postgres://u:pw@[bad/x')).toBe('postgres://u:***@[bad/x');
  });
});

import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { YAGURA_VERSION } from '../core/index.js';
import { createSchemaValidator } from './output/test-support/schema-validator.js';
import { CliWorkspace } from './test-support/cli-harness.js';

const VULNERABLE_APP = {
  'package.json': JSON.stringify({ name: 'tiny-app', version: '1.0.0', dependencies: { express: '^4.19.0' } }),
  'src/server.js': [
    "const express = require('express');",
    "const { exec } = require('child_process');",
    'const app = express();',
    "app.get('/ping', (req, res) => {",
    "  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(String(out)));",
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
};

const validateSarif = createSchemaValidator('sarif-schema-2.1.0.json');

let ws: CliWorkspace;
beforeEach(async () => {
  ws = await CliWorkspace.create();
});
afterEach(async () => {
  await ws.dispose();
});

interface JsonReport {
  findings: { ruleId: string; fingerprint: string; baselineState?: string; location: { file: string; startLine: number } }[];
  absent: { fingerprint: string }[];
}

describe('yagura --version and --help', () => {
  it('prints the version and exits 0', async () => {
    const run = await ws.run(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${YAGURA_VERSION}\n`, stderr: '' });
  });

  it('lists the commands in --help', async () => {
    const run = await ws.run(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scan [options] <path>');
    expect(run.stdout).toContain('findings');
  });

  it('has help for every subcommand', async () => {
    for (const args of [['scan', '--help'], ['findings', '--help'], ['findings', 'list', '--help'], ['findings', 'show', '--help']]) {
      const run = await ws.run(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: yagura/);
    }
  });

  it('exits 2 on an unknown option, with the reason on stderr', async () => {
    const run = await ws.run(['scan', '.', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--frobnicate'");
  });

  it('exits 2 on an invalid --fail-on value', async () => {
    const run = await ws.run(['scan', '.', '--fail-on', 'severe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'severe' is invalid");
  });
});

describe('yagura scan', () => {
  it('exits 1 with findings at or above --fail-on and prints them as JSON when piped', async () => {
    await ws.write(VULNERABLE_APP);
    const run = await ws.run(['scan', '.', '--no-store', '--quiet']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.ruleId, f.location.file, f.location.startLine])).toEqual([['command-injection', 'src/server.js', 5]]);
    expect(run.stderr).toBe('');
  });

  it('exits 0 when no finding reaches the threshold', async () => {
    await ws.write(VULNERABLE_APP);
    const run = await ws.run(['scan', '.', '--no-store', '--quiet', '--fail-on', 'none']);
    expect(run.code).toBe(0);
  });

  it('exits 0 on clean code', async () => {
    await ws.write({ 'index.js': 'module.exports = (a, b) => a + b;\n' });
    const run = await ws.run(['scan', '.', '--no-store', '--format', 'table']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No findings');
  });

  it('rejects a missing path with exit 2 and a clear message, without a stack', async () => {
    const run = await ws.run(['scan', 'does-not-exist', '--no-store']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`yagura: SCAN_PATH_INVALID: Cannot scan ${join(ws.dir, 'does-not-exist')}: no such file or directory\n`);
  });

  it('prints the stack of an error with --debug', async () => {
    const run = await ws.run(['scan', 'does-not-exist', '--no-store', '--debug']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SCAN_PATH_INVALID[\s\S]*\n\s+at /);
  });

  it('rejects a broken configuration with exit 2, naming the file and key', async () => {
    await ws.write({ ...VULNERABLE_APP, 'yagura.config.yaml': 'failOn: sometimes\n' });
    const run = await ws.run(['scan', '.', '--no-store']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('yagura: CONFIG_INVALID:');
    expect(run.stderr).toContain('yagura.config.yaml: failOn: must be one of');
  });

  it('refuses an --output whose format it cannot tell', async () => {
    await ws.write(VULNERABLE_APP);
    const run = await ws.run(['scan', '.', '--no-store', '--output', 'report.xyz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('yagura: USAGE:');
  });

  it('reports symlinks out of the root and binary files as diagnostics, and keeps scanning', async () => {
    await ws.write(VULNERABLE_APP);
    await writeFile(join(ws.dir, 'src', 'blob.js'), Buffer.from([0, 1, 2, 3]));
    await symlink('/etc/passwd', join(ws.dir, 'src', 'passwd.js'));
    const run = await ws.run(['scan', '.', '--no-store', '--quiet', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; file?: string }[] };
    expect(report.diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'BINARY_FILE', file: 'src/blob.js' }), expect.objectContaining({ code: 'SYMLINK_OUTSIDE_ROOT', file: 'src/passwd.js' })]),
    );
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    await ws.write(VULNERABLE_APP);
    const run = await ws.run(['scan', '.', '--output', 'out.sarif', '--quiet']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(await readFile(join(ws.dir, 'out.sarif'), 'utf8')) as unknown;
    expect(validateSarif(sarif)).toEqual([]);
  });

  it('stores findings: a rescan creates no duplicate, a removed flow becomes absent, and it comes back as reintroduced', async () => {
    await ws.write(VULNERABLE_APP);
    const first = JSON.parse((await ws.run(['scan', '.', '--quiet', '--format', 'json'])).stdout) as JsonReport;
    const second = JSON.parse((await ws.run(['scan', '.', '--quiet', '--format', 'json'])).stdout) as JsonReport;
    expect(second.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
    expect(second.findings.map((f) => f.baselineState)).toEqual(['unchanged']);

    const list = await ws.run(['findings', 'list', '--format', 'json']);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);

    const vulnerable = VULNERABLE_APP['src/server.js'];
    await writeFile(join(ws.dir, 'src', 'server.js'), vulnerable.replace("'ping -c 1 ' + req.query.host", "'ping -c 1 localhost'"));
    const third = JSON.parse((await ws.run(['scan', '.', '--quiet', '--format', 'json', '--fail-on', 'none'])).stdout) as JsonReport;
    expect(third.findings).toEqual([]);
    expect(third.absent.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));

    await writeFile(join(ws.dir, 'src', 'server.js'), vulnerable);
    const fourth = JSON.parse((await ws.run(['scan', '.', '--quiet', '--format', 'json'])).stdout) as JsonReport;
    expect(fourth.findings.map((f) => f.baselineState)).toEqual(['reintroduced']);
  });

  it('prioritises every stored scan into the remediation queue', async () => {
    await ws.write({ ...VULNERABLE_APP, 'yagura.config.yaml': 'asset:\n  criticality: critical\n  exposure: internet\n' });
    await ws.run(['scan', '.', '--quiet']);
    const queue = await ws.run(['queue', '--format', 'json']);
    expect(queue.code).toBe(0);
    const { items } = JSON.parse(queue.stdout) as { items: { decision: string; cwe: string[]; file: string; startLine: number }[] };
    expect(items.map((i) => [i.cwe, i.file, i.startLine])).toEqual([[['CWE-78'], 'src/server.js', 5]]);
    // CISA tree: no exploitation evidence, automatable (internet-facing, no user interaction), total impact, high mission impact.
    expect(items[0]?.decision).toBe('attend');
  });

  it('shows a stored finding by id prefix with its flow and history', async () => {
    await ws.write(VULNERABLE_APP);
    await ws.run(['scan', '.', '--quiet']);
    const list = JSON.parse((await ws.run(['findings', 'list', '--format', 'json'])).stdout) as { id: string }[];
    const id = list[0]?.id ?? '';
    const show = await ws.run(['findings', 'show', id.slice(0, 8)]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('command-injection');
    expect(show.stdout).toContain('Data flow:');
    expect(show.stdout).toContain('req.query');
    expect(show.stdout).toContain('History:');
    const missing = await ws.run(['findings', 'show', 'ffffffff']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^yagura: NOT_FOUND: /);
  });

  it('keeps what is stored when the store directory is unusable', async () => {
    await ws.write(VULNERABLE_APP);
    await writeFile(join(ws.dir, 'not-a-dir'), 'x');
    const run = await ws.run(['scan', '.', '--quiet', '--db', join(ws.dir, 'not-a-dir', 'db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^yagura: STORE_UNAVAILABLE: /);
    await rm(join(ws.dir, 'not-a-dir'));
  });
});

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CliIO } from '../io.js';
import { runCli } from '../run-cli.js';
import { CapturedStream } from '../test-support/cli-harness.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/payments-api/', import.meta.url));

let dir: string;
let app: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-prove-cli-'));
  app = join(dir, 'payments-api');
  await cp(EXAMPLE, app, { recursive: true, filter: (src) => basename(src) !== 'node_modules' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new CapturedStream();
  const stderr = new CapturedStream();
  const io: CliIO = {
    stdout,
    stderr,
    cwd: dir,
    env: { HOME: dir, YAGURA_HOME: join(dir, '.yagura'), TMPDIR: tmpdir() },
    execPath: process.execPath,
  };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

interface JsonFinding {
  id: string;
  ruleId: string;
  state: string;
  proof?: { status: string; reason?: string; payload?: string; oracle?: string; script?: string; reproductions?: number; runs?: number };
}

describe('yagura scan --prove on examples/payments-api (application threat model)', () => {
  let findings: JsonFinding[];

  it('proves the HTTP flows with requests to the running app in the sandbox and marks them proven', async () => {
    const scan = await run(['scan', 'payments-api', '--prove', '--prove-timeout', '12000', '--format', 'json', '--fail-on', 'none']);
    expect(scan.stderr).toMatch(/proving 1\/\d+: /);
    expect(scan.code, scan.stderr).toBe(0);
    findings = (JSON.parse(scan.stdout) as { findings: JsonFinding[] }).findings;
    const proven = [...new Set(findings.filter((f) => f.state === 'proven').map((f) => f.ruleId))].sort();
    const why = JSON.stringify(findings.map((f) => [f.ruleId, f.proof?.status, f.proof?.reason]));
    expect(proven, why).toEqual(
      expect.arrayContaining(['command-injection', 'open-redirect', 'path-traversal', 'sql-injection', 'ssrf', 'unsafe-deserialization', 'xss']),
    );
    // Proven findings carry the witness in the report; findings without a witness generator carry none.
    for (const f of findings.filter((x) => x.state === 'proven')) {
      expect(f.proof?.status).toBe('proven');
      expect(f.proof?.script).toContain('YAGURA-WITNESS-RESULT');
      expect(f.proof?.reproductions ?? 0).toBeGreaterThanOrEqual(2);
    }
    expect(findings.find((f) => f.ruleId === 'hardcoded-secret')?.proof).toBeUndefined();
    expect(findings.find((f) => f.ruleId === 'sql-injection' && f.state === 'proven')?.proof?.payload).toMatch(/^GET \/api\/(?:transfers|statements)/);
  }, 300_000);

  it('prints the evidence with findings show', async () => {
    const ssrf = findings.find((f) => f.ruleId === 'ssrf' && f.state === 'proven');
    if (ssrf === undefined) throw new Error('no proven ssrf finding');
    const shown = await run(['findings', 'show', ssrf.id.slice(0, 8)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('State:       proven');
    expect(shown.stdout).toMatch(/Proof: {7}proven \(ssrf\)/);
    expect(shown.stdout).toMatch(/Verified: {2}[23] of 3 fresh sandbox runs reproduced/);
    expect(shown.stdout).toMatch(/the loopback listener received (?:GET|POST) \/yagura-[0-9a-f]{16}/);
    expect(shown.stdout).toContain('Sandbox:   bubblewrap, network loopback');
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function yagura(args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/yagura.js', ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'yagura-quickstart-'));
  // The Quick start runs the compiled CLI; build it as `npm ci` (prepare) does.
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch((error: unknown) => {
    const { stdout = '' } = error as { stdout?: string };
    throw new Error(`build failed:\n${stdout}`, { cause: error });
  });
}, 240_000);
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('README Quick start', () => {
  it('scans the bundled example with the built CLI and exits 1 with findings', async () => {
    const outcome = await yagura(['scan', 'examples/payments-api', '--format', 'table'], { YAGURA_HOME: home });
    expect(outcome.stderr).not.toMatch(/INTERNAL|Error:/);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('command-injection');
    expect(outcome.stdout).toContain('sql-injection');
  });

  it('writes SARIF with --output out.sarif and records a second scan as unchanged', async () => {
    const out = join(home, 'out.sarif');
    const outcome = await yagura(['scan', 'examples/payments-api', '--output', out, '--quiet'], { YAGURA_HOME: home });
    expect(outcome.code).toBe(1);
    const { readFile } = await import('node:fs/promises');
    const sarif = JSON.parse(await readFile(out, 'utf8')) as { runs: { results: { baselineState?: string }[] }[] };
    const states = new Set(sarif.runs[0]?.results.map((r) => r.baselineState));
    expect([...states]).toEqual(['unchanged']);
  });
});

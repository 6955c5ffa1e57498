import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PAYMENTS_API, TEST_KEY } from '../../ai/test-support/ai-fixtures.js';
import { startAnthropicTestDouble, type AnthropicTestDouble } from '../../ai/test-support/anthropic-test-double.js';
import { scriptedHuntModel } from '../../ai/test-support/scripted-hunt-model.js';
import { runCliIn } from '../test-support/cli-harness.js';

let dir: string;
let double: AnthropicTestDouble;

/** Run the CLI in process with the key in the environment, as the entry point would. */
function yagura(args: readonly string[]) {
  return runCliIn(dir, args, { env: { YAGURA_TEST_AI_KEY: TEST_KEY, USER: 'alice' } });
}

/** Every file under `root`, recursively. */
async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if ((await stat(path)).isFile()) out.push(path);
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-ai-cli-'));
  double = await startAnthropicTestDouble(scriptedHuntModel);
  await writeFile(
    join(dir, 'ai.yaml'),
    [
      'ai:',
      '  provider: { kind: anthropic, model: claude-test, baseUrl: "' + double.baseUrl + '", apiKeyEnv: YAGURA_TEST_AI_KEY, maxRetries: 1 }',
      '  prices: { claude-test: { inputPerMTok: 3, outputPerMTok: 15 } }',
      '  hunt: { maxTargets: 1, maxRounds: 4 }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

describe('yagura scan --ai and yagura ai usage', () => {
  it('adds a proven AI finding the static rules miss, records every call, and never stores or prints the key', async () => {
    const db = join(dir, 'db');
    const scan = await yagura(['scan', PAYMENTS_API, '--ai', '-c', 'ai.yaml', '--db', db, '-o', 'report.sarif', '-q']);
    expect(scan.stderr).toContain('AI hunt: 1 targets, 1 candidates, 1 proven, 0 suspected, 0 rejected by the verifier\n');
    expect(scan.stderr).toMatch(/AI triage: \d+ verdicts\n/);
    expect(scan.code).toBe(1);
    const sarif = JSON.parse(await readFile(join(dir, 'report.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: Record<string, unknown> }[] }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    const ai = results.filter((r) => r.ruleId === 'ai/missing-authorization');
    expect(ai).toHaveLength(1);
    expect(ai[0]?.properties).toMatchObject({ origin: 'ai' });
    // The static pass says nothing about the planted file.
    expect(results.filter((r) => r.ruleId !== 'ai/missing-authorization' && r.locations[0]?.physicalLocation.artifactLocation.uri.endsWith('lib/accounts.js'))).toEqual([]);

    const proven = await yagura(['findings', 'list', '--db', db, '--state', 'proven', '--format', 'json']);
    const rows = JSON.parse(proven.stdout) as { ruleId: string; origin: string; properties: { aiState: string; proof: { reproductions: number } } }[];
    expect(rows.map((r) => [r.ruleId, r.origin, r.properties.aiState, r.properties.proof.reproductions])).toEqual([['ai/missing-authorization', 'ai', 'proven', 3]]);

    const calls = double.requests.length;
    const hunting = 1 + 3;
    const triaged = calls - hunting;
    expect(triaged).toBeGreaterThan(10);
    const usage = await yagura(['ai', 'usage', '--db', db]);
    const cost = (n: number) => `$${(n * 0.00105).toFixed(6)}`;
    expect(usage.stdout).toBe(
      [
        `AI usage: ${String(calls)} calls, ${String(calls * 100)} input tokens, ${String(calls * 50)} output tokens, ${cost(calls)}`,
        'By project',
        `  ${'payments-api'.padEnd(32)} ${String(calls).padStart(5)} calls ${String(calls * 100).padStart(10)} in ${String(calls * 50).padStart(10)} out ${cost(calls).padStart(14)}`,
        'By purpose',
        `  ${'triage'.padEnd(32)} ${String(triaged).padStart(5)} calls ${String(triaged * 100).padStart(10)} in ${String(triaged * 50).padStart(10)} out ${cost(triaged).padStart(14)}`,
        `  ${'hunt'.padEnd(32)} ${String(hunting).padStart(5)} calls ${String(hunting * 100).padStart(10)} in ${String(hunting * 50).padStart(10)} out ${cost(hunting).padStart(14)}`,
        'By model',
        `  ${'anthropic claude-test'.padEnd(32)} ${String(calls).padStart(5)} calls ${String(calls * 100).padStart(10)} in ${String(calls * 50).padStart(10)} out ${cost(calls).padStart(14)}`,
        '',
      ].join('\n'),
    );

    const printed = [scan.stdout, scan.stderr, proven.stdout, usage.stdout, await readFile(join(dir, 'report.sarif'), 'utf8')].join('\n');
    expect(printed).not.toContain(TEST_KEY);
    for (const file of await filesUnder(db)) expect((await readFile(file)).includes(TEST_KEY), file).toBe(false);
  });

  it('runs the scan as before when no model is configured, and says the AI pass was skipped', async () => {
    const result = await yagura(['scan', PAYMENTS_API, '--ai', '--no-store', '--format', 'json']);
    expect(result.stderr).toContain('No model is configured (ai: block); the AI pass was skipped.');
    const report = JSON.parse(result.stdout) as { findings: { origin: string }[] };
    expect(report.findings.every((f) => f.origin !== 'ai')).toBe(true);
  });
});

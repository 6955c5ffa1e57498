import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PAYMENTS_API, TEST_KEY } from '../../ai/test-support/ai-fixtures.js';
import { startAnthropicTestDouble, type AnthropicTestDouble } from '../../ai/test-support/anthropic-test-double.js';
import { scriptedHuntModel } from '../../ai/test-support/scripted-hunt-model.js';
import { runCli } from '../run-cli.js';
import { CapturedStream } from '../test-support/cli-harness.js';

let dir: string;
let double: AnthropicTestDouble;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-eval-'));
  double = await startAnthropicTestDouble(scriptedHuntModel);
  // Two labelled packages in the benchmark cache layout: one holds the IDOR, the other a flaw the model misses.
  const idor = join(dir, 'cache', 'tiny-idor@1.0.0', 'src', 'package', 'src', 'lib');
  await mkdir(idor, { recursive: true });
  await copyFile(join(PAYMENTS_API, 'src', 'lib', 'accounts.js'), join(idor, 'accounts.js'));
  const other = join(dir, 'cache', 'other-lib@2.0.0', 'src', 'package');
  await mkdir(other, { recursive: true });
  await writeFile(join(other, 'index.js'), "module.exports = (cmd) => require('child_process').exec(cmd);\n");
  const entry = (id: string, pkg: string, version: string, file: string, line: number) => ({
    id, package: pkg, vulnerableVersion: version, fixedVersion: '9.9.9', ruleId: 'command-injection', cwe: 'CWE-78', advisory: 'CVE-2020-0001', sink: { file, line }, threatModel: 'library',
  });
  await writeFile(join(dir, 'suite.json'), JSON.stringify([entry('tiny-idor-1.0.0', 'tiny-idor', '1.0.0', 'src/lib/accounts.js', 14), entry('other-lib-2.0.0', 'other-lib', '2.0.0', 'index.js', 1)]));
  await writeFile(
    join(dir, 'ai.yaml'),
    `ai:\n  provider: { kind: anthropic, model: claude-test, baseUrl: "${double.baseUrl}", apiKeyEnv: YAGURA_TEST_AI_KEY }\n  prices: { claude-test: { inputPerMTok: 3, outputPerMTok: 15 } }\n  hunt: { maxTargets: 1, maxRounds: 4 }\n`,
  );
});

afterAll(async () => {
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

describe('yagura ai eval', () => {
  it('scores the hunter on a labelled suite: recall, false alarms, proofs, tokens and cost per true finding', async () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const code = await runCli(['ai', 'eval', '--suite', 'suite.json', '--packages', 'cache', '-c', 'ai.yaml', '-o', 'card.json'], {
      stdout, stderr, cwd: dir, env: { HOME: dir, YAGURA_TEST_AI_KEY: TEST_KEY }, clock: () => 0, now: () => new Date('2026-11-22T00:00:00Z'), execPath: process.execPath,
    });
    expect(stderr.text).toBe('');
    expect(code).toBe(0);
    const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8')) as Record<string, unknown>;
    // tiny-idor: rank, read, report, finish (4 calls); other-lib: the ranked file does not exist there, so 1 call.
    expect(card).toEqual({
      suite: 'suite.json',
      model: 'claude-test',
      entries: 2,
      detected: 1,
      recall: 0.5,
      falseAlarms: 0,
      proven: 1,
      rejectedByVerifier: 0,
      tokens: 750,
      costUsd: 0.00525,
      tokensPerTrueFinding: 750,
      costPerTrueFinding: 0.00525,
      perEntry: [
        { id: 'tiny-idor-1.0.0', detected: true, proven: true, falseAlarms: 0 },
        { id: 'other-lib-2.0.0', detected: false, proven: false, falseAlarms: 0 },
      ],
    });
    expect(stdout.text).toBe('Recall 1/2 (50.0%), 0 false alarms, 1 proven; 750 tokens, $0.005250; per true finding 750.0000 tokens, $0.0053\nScorecard written to card.json\n');
  });
});

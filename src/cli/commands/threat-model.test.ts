import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_KEY } from '../../ai/test-support/ai-fixtures.js';
import { startAnthropicTestDouble, type AnthropicTestDouble } from '../../ai/test-support/anthropic-test-double.js';
import { scriptedHuntModel } from '../../ai/test-support/scripted-hunt-model.js';
import { runCliIn } from '../test-support/cli-harness.js';

let dir: string;
let double: AnthropicTestDouble;

/** Run the CLI in process with the key in the environment, as the entry point would. */
function yagura(args: readonly string[]) {
  return runCliIn(dir, args, { env: { YAGURA_TEST_AI_KEY: TEST_KEY } });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-tm-'));
  double = await startAnthropicTestDouble(scriptedHuntModel);
  await mkdir(join(dir, 'app', 'src'), { recursive: true });
  await writeFile(join(dir, 'app', 'src', 'server.js'), "const express = require('express');\nconst app = express();\napp.get('/x', (req, res) => res.send('ok'));\n");
  await writeFile(
    join(dir, 'app', 'yagura.config.yaml'),
    `ai:\n  provider: { kind: anthropic, model: claude-test, baseUrl: "${double.baseUrl}", apiKeyEnv: YAGURA_TEST_AI_KEY }\n  prices: { claude-test: { inputPerMTok: 3, outputPerMTok: 15 } }\n`,
  );
});

afterAll(async () => {
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

describe('yagura threat-model', () => {
  it('writes THREAT_MODEL.md from the model after it read the code, and records the calls', async () => {
    const run = await yagura(['threat-model', 'app', '--db', join(dir, 'db')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`THREAT_MODEL.md written to ${join(dir, 'app', 'THREAT_MODEL.md')} (2 model calls, 300 tokens, $0.002100)\n`);
    const text = await readFile(join(dir, 'app', 'THREAT_MODEL.md'), 'utf8');
    expect(text).toMatch(/^# Threat model\n/);
    expect(text).toContain('## Trust boundaries');
    // The list_files result went back to the model before it wrote the document.
    expect(JSON.stringify(double.requests[1]?.body.messages)).toContain('src/server.js');
    const usage = await yagura(['ai', 'usage', '--db', join(dir, 'db'), '--format', 'json']);
    expect((JSON.parse(usage.stdout) as { byPurpose: unknown[] }).byPurpose).toEqual([{ purpose: 'threat-model', calls: 2, inputTokens: 200, outputTokens: 100, costUsd: 0.0021 }]);
  });

  it('refuses to overwrite an edited THREAT_MODEL.md without --force', async () => {
    await writeFile(join(dir, 'app', 'THREAT_MODEL.md'), '# Threat model\nedited by the team\n');
    const run = await yagura(['threat-model', 'app', '--no-store']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('THREAT_MODEL.md exists; edit it, or pass --force to replace it');
    expect(await readFile(join(dir, 'app', 'THREAT_MODEL.md'), 'utf8')).toBe('# Threat model\nedited by the team\n');
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConfigError } from '../core/index.js';
import { DEFAULT_CONFIG, loadConfig } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('returns the defaults when the root has no configuration file', async () => {
    const { config, hash } = await loadConfig(dir);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads yagura.config.yaml at the root and fills defaults', async () => {
    await writeFile(
      join(dir, 'yagura.config.yaml'),
      'project:\n  name: payments\nthreatModel: library\nfailOn: medium\nexclude: ["legacy/**"]\nsources:\n  argv: true\nrules:\n  redos: off\n',
    );
    const { config } = await loadConfig(dir);
    expect(config.projectName).toBe('payments');
    expect(config.threatModel).toBe('library');
    expect(config.failOn).toBe('medium');
    expect(config.exclude).toContain('legacy/**');
    expect(config.exclude).toContain('**/node_modules/**');
    expect(config.optInSources).toEqual(['argv']);
    expect(config.disabledRules).toEqual(['redos']);
  });

  it('names the file and the key of an invalid value', async () => {
    const file = join(dir, 'yagura.config.json');
    await writeFile(file, JSON.stringify({ threatModel: 'everything' }));
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    expect((error as ConfigError).message).toBe(`${file}: threatModel: must be one of "auto", "application", "library"`);
  });

  it('names an unknown nested key', async () => {
    await writeFile(join(dir, 'yagura.config.yaml'), 'limits:\n  maxCallDeph: 3\n');
    await expect(loadConfig(dir)).rejects.toThrow(/yagura\.config\.yaml: limits\.maxCallDeph: unknown key/);
  });

  it('reports the line of malformed YAML', async () => {
    await writeFile(join(dir, 'yagura.config.yaml'), 'project:\n  name: [unclosed\n');
    await expect(loadConfig(dir)).rejects.toThrow(/yagura\.config\.yaml:\d+: invalid YAML/);
  });

  it('rejects malformed JSON with the file name', async () => {
    await writeFile(join(dir, 'yagura.config.json'), '{ "failOn": ');
    await expect(loadConfig(dir)).rejects.toThrow(/yagura\.config\.json: invalid JSON/);
  });

  it('fails clearly when an explicit --config file does not exist', async () => {
    const missing = join(dir, 'nope.yaml');
    await expect(loadConfig(dir, missing)).rejects.toThrow(`${missing}: cannot read the configuration file`);
  });

  it('reads the asset and sla blocks for prioritisation', async () => {
    await writeFile(
      join(dir, 'yagura.config.yaml'),
      'asset:\n  owner: team-pay\n  businessService: settlement\n  criticality: critical\n  exposure: internet\nsla:\n  act: 2\n  track: next-upgrade\n',
    );
    const { config } = await loadConfig(dir);
    expect(config.asset).toEqual({ owner: 'team-pay', businessService: 'settlement', criticality: 'critical', exposure: 'internet' });
    expect(config.sla).toEqual({ act: 2, track: 'next-upgrade' });
  });

  it('rejects an unknown exposure and an unknown SLA decision', async () => {
    await writeFile(join(dir, 'yagura.config.yaml'), 'asset:\n  exposure: public\n');
    await expect(loadConfig(dir)).rejects.toThrow(/asset\.exposure: must be one of "internet", "partner", "internal", "isolated"/);
    await writeFile(join(dir, 'yagura.config.yaml'), 'sla:\n  urgent: 1\n');
    await expect(loadConfig(dir)).rejects.toThrow(/sla\.urgent: unknown key/);
  });

  it('gives different hashes to different configurations', async () => {
    const before = (await loadConfig(dir)).hash;
    await writeFile(join(dir, 'yagura.config.yaml'), 'failOn: low\n');
    expect((await loadConfig(dir)).hash).not.toBe(before);
  });
});

describe('the README configuration example', () => {
  it('is a valid configuration', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    await writeFile(join(dir, 'yagura.config.yaml'), example ?? '');
    const { config } = await loadConfig(dir);
    expect(config.projectName).toBe('payments-api');
    expect(config.disabledRules).toEqual(['insecure-randomness']);
  });
});

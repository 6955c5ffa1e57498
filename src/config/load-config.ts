import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';

import { ConfigError } from '../core/index.js';
import { type AiConfigBlock, type AssetConfig, DEFAULT_CONFIG, type OptInSource, type SlaConfig, type YaguraConfig } from './config.js';
import { CONFIG_SCHEMA } from './schema.js';

/** Names looked up at the scanned root, in this order. */
export const CONFIG_FILE_NAMES = ['yagura.config.yaml', 'yagura.config.yml', 'yagura.config.json'] as const;

interface RawConfig {
  project?: { name?: string };
  include?: string[];
  exclude?: string[];
  threatModel?: YaguraConfig['threatModel'];
  failOn?: YaguraConfig['failOn'];
  maxFileBytes?: number;
  respectGitignore?: boolean;
  sources?: Partial<Record<OptInSource, boolean>>;
  rules?: Record<string, 'on' | 'off'>;
  limits?: YaguraConfig['limits'];
  asset?: AssetConfig;
  sla?: SlaConfig;
  ai?: AiConfigBlock;
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile<RawConfig>(CONFIG_SCHEMA);

/** A loaded configuration and the hash of its normalised content (recorded with each scan). */
export interface LoadedConfig {
  readonly config: YaguraConfig;
  readonly hash: string;
}

/**
 * Load the configuration: `explicitPath` when given (it must exist), else the first of
 * {@link CONFIG_FILE_NAMES} at `root`, else defaults. Every error names the file and the key.
 * @example
 * const { config } = await loadConfig('/repo');
 */
export async function loadConfig(root: string, explicitPath?: string): Promise<LoadedConfig> {
  const found = explicitPath ? await readRequired(explicitPath) : await readFirst(root);
  if (!found) return { config: DEFAULT_CONFIG, hash: hashOf(DEFAULT_CONFIG) };
  const raw = parseConfigText(found.file, found.text);
  const config = toConfig(found.file, raw);
  return { config, hash: hashOf(config) };
}

/** Parse and validate configuration text; `file` is used in messages and to pick YAML or JSON. */
export function parseConfigText(file: string, text: string): RawConfig {
  const data = file.endsWith('.json') ? parseJson(file, text) : parseYaml(file, text);
  if (data === null || data === undefined) return {};
  if (!validate(data)) throw new ConfigError(file, keyOf(validate.errors?.[0]), describe(validate.errors?.[0]));
  return data;
}

function toConfig(file: string, raw: RawConfig): YaguraConfig {
  const sources = raw.sources ?? {};
  return {
    file,
    projectName: raw.project?.name,
    include: raw.include ?? DEFAULT_CONFIG.include,
    exclude: [...DEFAULT_CONFIG.exclude, ...(raw.exclude ?? [])],
    threatModel: raw.threatModel ?? DEFAULT_CONFIG.threatModel,
    failOn: raw.failOn ?? DEFAULT_CONFIG.failOn,
    maxFileBytes: raw.maxFileBytes ?? DEFAULT_CONFIG.maxFileBytes,
    respectGitignore: raw.respectGitignore ?? DEFAULT_CONFIG.respectGitignore,
    optInSources: (Object.keys(sources) as OptInSource[]).filter((k) => sources[k] === true),
    disabledRules: Object.entries(raw.rules ?? {})
      .filter(([, v]) => v === 'off')
      .map(([k]) => k),
    limits: raw.limits ?? {},
    asset: raw.asset ?? {},
    sla: raw.sla ?? {},
    ...(raw.ai ? { ai: raw.ai } : {}),
  };
}

async function readRequired(path: string): Promise<{ file: string; text: string }> {
  try {
    return { file: path, text: await readFile(path, 'utf8') };
  } catch (error) {
    throw new ConfigError(path, undefined, 'cannot read the configuration file', { cause: error });
  }
}

async function readFirst(root: string): Promise<{ file: string; text: string } | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(root, name);
    try {
      return { file, text: await readFile(file, 'utf8') };
    } catch (error) {
      if (isMissing(error)) continue;
      throw new ConfigError(file, undefined, 'cannot read the configuration file', { cause: error });
    }
  }
  return undefined;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(file, undefined, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}`, undefined, `invalid YAML: ${(first.message.split('\n')[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  return doc.toJS() as unknown;
}

/** `/limits/maxCallDepth` -> `limits.maxCallDepth`; unknown keys name themselves. */
function keyOf(error: ErrorObject | undefined): string | undefined {
  if (!error) return undefined;
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return path ? `${path}.${extra}` : extra;
  }
  return path || '(root)';
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid configuration';
  if (error.keyword === 'additionalProperties') return 'unknown key';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return `must be one of ${allowed}`;
  }
  return error.message ?? 'invalid value';
}

function hashOf(config: YaguraConfig): string {
  const { file, ...rest } = config;
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, file: file ? basename(file) : null }))
    .digest('hex')
    .slice(0, 16);
}

import type { AnalysisLimits, SeverityThreshold, ThreatModel } from '../core/index.js';

/** Opt-in input sources beyond the threat model's defaults. */
export type OptInSource = 'argv' | 'env' | 'files' | 'sockets';

/** The `asset:` block: the project's attributes as an asset; unset keys take triage's defaults. */
export interface AssetConfig {
  readonly owner?: string;
  readonly businessService?: string;
  readonly criticality?: 'low' | 'medium' | 'high' | 'critical';
  readonly exposure?: 'internet' | 'partner' | 'internal' | 'isolated';
  readonly dataClassification?: string;
  readonly wellBeingImpact?: 'minimal' | 'material' | 'irreversible';
}

/** The `sla:` block: days per SSVC decision, `next-upgrade` for no date; unset decisions keep the default. */
export type SlaConfig = Readonly<Partial<Record<'act' | 'attend' | 'track*' | 'track', number | 'next-upgrade'>>>;

/** A validated configuration with every default filled in. */
export interface YaguraConfig {
  /** File the configuration came from, or `undefined` for pure defaults. */
  readonly file: string | undefined;
  readonly projectName: string | undefined;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly threatModel: ThreatModel | 'auto';
  readonly failOn: SeverityThreshold;
  readonly maxFileBytes: number;
  readonly respectGitignore: boolean;
  readonly optInSources: readonly OptInSource[];
  readonly disabledRules: readonly string[];
  readonly limits: Partial<AnalysisLimits>;
  /** Empty when the file has no `asset:` block. */
  readonly asset: AssetConfig;
  /** Empty when the file has no `sla:` block. */
  readonly sla: SlaConfig;
  /** The `ai:` block as written (validated); `src/ai` fills its defaults. Absent: no model is configured. */
  readonly ai?: AiConfigBlock;
}

/** A model endpoint of the `ai:` block. */
export interface AiProviderBlock {
  readonly kind?: 'anthropic' | 'openai';
  readonly model?: string;
  readonly baseUrl?: string;
  /** Name of the environment variable holding the API key (the key itself is never configured in a file). */
  readonly apiKeyEnv?: string;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxTokens?: number;
}

/** A token and cost budget. */
export interface AiBudgetBlock {
  readonly maxTokens?: number;
  readonly maxCostUsd?: number;
}

/** The validated `ai:` block of the configuration. */
export interface AiConfigBlock {
  readonly provider: AiProviderBlock & { readonly kind: 'anthropic' | 'openai'; readonly model: string };
  readonly purposes?: Readonly<Partial<Record<'hunt' | 'triage' | 'verify' | 'patch' | 'threat-model', AiProviderBlock>>>;
  readonly prices?: Readonly<Record<string, { readonly inputPerMTok: number; readonly outputPerMTok: number }>>;
  readonly budgets?: { readonly scan?: AiBudgetBlock; readonly project?: AiBudgetBlock };
  readonly hunt?: { readonly maxTargets?: number; readonly maxRounds?: number };
  readonly proof?: { readonly timeoutMs?: number; readonly memoryMb?: number };
  readonly recordText?: boolean;
  readonly user?: string;
}

/** Folders and files never scanned unless `include` names them explicitly. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/bower_components/**',
  '**/*.min.js',
  '**/*.bundle.js',
  '**/*.d.ts',
];

/** Files considered source by default. */
export const DEFAULT_INCLUDES: readonly string[] = ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}', '**/package.json'];

/** Largest file read by default (bytes); larger ones are skipped with a `FILE_TOO_LARGE` diagnostic. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The configuration used when there is no file. */
export const DEFAULT_CONFIG: YaguraConfig = {
  file: undefined,
  projectName: undefined,
  include: DEFAULT_INCLUDES,
  exclude: DEFAULT_EXCLUDES,
  threatModel: 'auto',
  failOn: 'high',
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  respectGitignore: true,
  optInSources: [],
  disabledRules: [],
  limits: {},
  asset: {},
  sla: {},
};

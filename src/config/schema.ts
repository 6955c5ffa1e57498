/** One model endpoint of the `ai:` block. The key is never in the file: `apiKeyEnv` names the variable holding it. */
const AI_PROVIDER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { enum: ['anthropic', 'openai'] },
    model: { type: 'string', minLength: 1, maxLength: 200 },
    baseUrl: { type: 'string', pattern: '^https?://[^\\s@]+$' },
    apiKeyEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 3_600_000 },
    maxRetries: { type: 'integer', minimum: 0, maximum: 10 },
    maxTokens: { type: 'integer', minimum: 16, maximum: 200_000 },
  },
} as const;

const AI_BUDGET_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxTokens: { type: 'integer', minimum: 1 },
    maxCostUsd: { type: 'number', exclusiveMinimum: 0 },
  },
} as const;

/** The `ai:` block: providers per use, prices, budgets, hunt and proof bounds, and whether full text is recorded. */
const AI_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['provider'],
  properties: {
    provider: { ...AI_PROVIDER_SCHEMA, required: ['kind', 'model'] },
    purposes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        hunt: AI_PROVIDER_SCHEMA,
        triage: AI_PROVIDER_SCHEMA,
        verify: AI_PROVIDER_SCHEMA,
        patch: AI_PROVIDER_SCHEMA,
        'threat-model': AI_PROVIDER_SCHEMA,
      },
    },
    prices: {
      type: 'object',
      description: 'USD per million tokens, by model name.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['inputPerMTok', 'outputPerMTok'],
        properties: {
          inputPerMTok: { type: 'number', minimum: 0 },
          outputPerMTok: { type: 'number', minimum: 0 },
        },
      },
    },
    budgets: {
      type: 'object',
      additionalProperties: false,
      properties: { scan: AI_BUDGET_SCHEMA, project: AI_BUDGET_SCHEMA },
    },
    hunt: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxTargets: { type: 'integer', minimum: 1, maximum: 200 },
        maxRounds: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    proof: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
        memoryMb: { type: 'integer', minimum: 64, maximum: 16_384 },
      },
    },
    recordText: { type: 'boolean', description: 'Store full prompt and response text (hashes are always stored).' },
    user: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

/** JSON Schema of `yagura.config.yaml|yml|json`. Unknown keys are errors, so typos do not pass silently. */
export const CONFIG_SCHEMA = {
  $id: 'https://yagura.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    project: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    include: { type: 'array', items: { type: 'string', minLength: 1 } },
    exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
    threatModel: { enum: ['auto', 'application', 'library'] },
    failOn: { enum: ['none', 'info', 'low', 'medium', 'high', 'critical'] },
    maxFileBytes: { type: 'integer', minimum: 1, maximum: 1_073_741_824 },
    respectGitignore: { type: 'boolean' },
    sources: {
      type: 'object',
      additionalProperties: false,
      properties: {
        argv: { type: 'boolean' },
        env: { type: 'boolean' },
        files: { type: 'boolean' },
        sockets: { type: 'boolean' },
      },
    },
    rules: {
      type: 'object',
      description: 'Per-rule switch: "off" disables a rule.',
      additionalProperties: { enum: ['on', 'off'] },
    },
    asset: {
      type: 'object',
      description: 'The project as an asset, for prioritisation; unset keys take the defaults `yagura asset show` prints.',
      additionalProperties: false,
      properties: {
        owner: { type: 'string', minLength: 1, maxLength: 200 },
        businessService: { type: 'string', minLength: 1, maxLength: 200 },
        criticality: { enum: ['low', 'medium', 'high', 'critical'] },
        exposure: { enum: ['internet', 'partner', 'internal', 'isolated'] },
        dataClassification: { type: 'string', minLength: 1, maxLength: 100 },
        wellBeingImpact: { enum: ['minimal', 'material', 'irreversible'] },
      },
    },
    sla: {
      type: 'object',
      description: 'Days to remediate per SSVC decision; "next-upgrade" for no date.',
      additionalProperties: false,
      properties: {
        act: { anyOf: [{ type: 'integer', minimum: 0, maximum: 3650 }, { const: 'next-upgrade' }] },
        attend: { anyOf: [{ type: 'integer', minimum: 0, maximum: 3650 }, { const: 'next-upgrade' }] },
        'track*': { anyOf: [{ type: 'integer', minimum: 0, maximum: 3650 }, { const: 'next-upgrade' }] },
        track: { anyOf: [{ type: 'integer', minimum: 0, maximum: 3650 }, { const: 'next-upgrade' }] },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxCallDepth: { type: 'integer', minimum: 1, maximum: 200 },
        maxMillisPerFile: { type: 'integer', minimum: 10, maximum: 600_000 },
        maxPathLength: { type: 'integer', minimum: 2, maximum: 1_000 },
      },
    },
    ai: AI_SCHEMA,
  },
} as const;

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
  },
} as const;

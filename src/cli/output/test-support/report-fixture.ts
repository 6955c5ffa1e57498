import type { RuleMeta } from '../../../core/index.js';
import type { ReportFinding, ReportInput } from '../report-input.js';

/** Metadata shaped like the registry's command-injection rule. */
export const COMMAND_INJECTION_META: RuleMeta = {
  description: 'Detect untrusted data reaching a shell command',
  severity: 'critical',
  cwe: ['CWE-78'],
  status: 'stable',
  messages: { taintedCommand: 'Command built from {{source}} reaches {{sink}}.' },
  explanation: 'A shell parses the command text, so an attacker who controls part of it can run any command.',
  fix: 'Call execFile() with an argument array instead of building a command string.',
  sinkKinds: ['command-injection'],
};

/** Metadata shaped like the registry's hard-coded secret rule (not a flow rule). */
export const HARDCODED_SECRET_META: RuleMeta = {
  description: 'Disallow credentials written in source code',
  severity: 'medium',
  cwe: ['CWE-798'],
  status: 'experimental',
  messages: { secret: 'A {{kind}} is written in the source.' },
  explanation: 'Anyone who can read the repository can use the credential.',
  fix: 'Move the secret to the environment or a secret manager and rotate it.',
};

/** A command-injection flow finding: source, two steps, sink. */
export function createFlowFinding(overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    ruleId: 'command-injection',
    cwe: ['CWE-78'],
    severity: 'critical',
    confidence: 'high',
    message: 'Command built from req.query.host reaches child_process.exec().',
    explanation: COMMAND_INJECTION_META.explanation,
    fix: COMMAND_INJECTION_META.fix,
    location: { file: 'src/routes/ping.ts', startLine: 14, startColumn: 3, endLine: 14, endColumn: 31, snippet: 'exec(`ping -c 1 ${host}`)' },
    flow: [
      {
        kind: 'source',
        location: { file: 'src/routes/ping.ts', startLine: 11, startColumn: 16, endLine: 11, endColumn: 30, snippet: 'req.query.host' },
        message: 'req.query.host is read',
      },
      {
        kind: 'step',
        location: { file: 'src/routes/ping.ts', startLine: 12, startColumn: 9, endLine: 12, endColumn: 13 },
        message: 'assigned to host',
      },
      {
        kind: 'call',
        location: { file: 'src/lib/run.ts', startLine: 4, startColumn: 1, endLine: 4, endColumn: 20 },
        message: 'passed to run()',
      },
      {
        kind: 'sink',
        location: { file: 'src/routes/ping.ts', startLine: 14, startColumn: 3, endLine: 14, endColumn: 31 },
        message: 'passed to child_process.exec()',
      },
    ],
    origin: 'static',
    properties: { sinkCallee: 'child_process.exec' },
    ...overrides,
  };
}

/** A hard-coded secret finding: no flow. */
export function createSecretFinding(overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    fingerprint: 'aa11bb22cc33dd44ee55ff6600778899',
    ruleId: 'hardcoded-secret',
    cwe: ['CWE-798'],
    severity: 'medium',
    confidence: 'medium',
    message: 'An AWS access key is written in the source.',
    explanation: HARDCODED_SECRET_META.explanation,
    fix: HARDCODED_SECRET_META.fix,
    location: { file: 'config/aws keys.ts', startLine: 3, startColumn: 20, endLine: 3, endColumn: 40, snippet: "const key = 'AKIA…'" },
    flow: [],
    origin: 'static',
    ...overrides,
  };
}

/** An imported finding whose rule Yagura does not know. */
export function createImportedFinding(overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    fingerprint: '1234567890abcdef1234567890abcdef',
    ruleId: 'semgrep.js-open-redirect',
    cwe: ['CWE-601'],
    severity: 'low',
    confidence: 'low',
    message: 'Redirect target taken from the request.',
    explanation: 'Users can be sent to a phishing site through a trusted link.',
    fix: 'Redirect only to relative paths or an allow-list of hosts.',
    location: { file: 'src/routes/login.ts', startLine: 40, startColumn: 5, endLine: 40, endColumn: 30 },
    flow: [],
    origin: 'import',
    ...overrides,
  };
}

/** A rich scan: flows, baseline with new/unchanged/reintroduced/absent, diagnostics, an unknown rule, excerpts. */
export function createRichReportInput(): ReportInput {
  const flow = createFlowFinding({
    id: 'fnd_01',
    state: 'open',
    baselineState: 'new',
    firstSeenAt: '2026-03-02T10:00:00.000Z',
    lastSeenAt: '2026-03-02T10:00:00.000Z',
  });
  const secret = createSecretFinding({ id: 'fnd_02', state: 'risk-accepted', baselineState: 'unchanged' });
  const imported = createImportedFinding({ id: 'fnd_03', state: 'open', baselineState: 'reintroduced' });
  const gone = createFlowFinding({
    id: 'fnd_04',
    fingerprint: 'ffffeeeeddddccccbbbbaaaa99998888',
    severity: 'high',
    state: 'fixed',
    baselineState: 'absent',
    location: { file: 'src/routes/old.ts', startLine: 7, startColumn: 3, endLine: 7, endColumn: 20 },
  });
  return {
    tool: { name: 'yagura', version: '0.1.0', informationUri: 'https://example.com/yagura' },
    scan: {
      id: 'scan_42',
      projectName: 'shop-api',
      root: '/home/dev/shop api',
      startedAt: '2026-03-02T10:00:00.000Z',
      finishedAt: '2026-03-02T10:00:02.500Z',
      threatModel: 'application',
      threatModelReason: 'package.json depends on express',
      stats: { files: 120, lines: 8432, functions: 610, flows: 37, parseMillis: 410, analyzeMillis: 1650 },
      diagnostics: [
        { code: 'PARSE_FAILED', message: 'Unexpected token', file: 'src/broken.ts', line: 3 },
        { code: 'RULE_CRASHED', message: 'Rule "hardcoded-secret" crashed', file: 'src/big.ts', ruleId: 'hardcoded-secret' },
        { code: 'UNRESOLVED_IMPORT', message: 'Cannot resolve ./missing.js' },
      ],
    },
    findings: [secret, imported, flow],
    absentFindings: [gone],
    rules: [
      { id: 'command-injection', meta: COMMAND_INJECTION_META },
      { id: 'hardcoded-secret', meta: HARDCODED_SECRET_META },
    ],
    hasBaseline: true,
    excerpts: {
      [flow.fingerprint]: {
        startLine: 10,
        lines: [
          "router.get('/ping', (req, res) => {",
          '  const host = req.query.host;',
          '  const cmd = host;',
          '  // run it',
          '  exec(`ping -c 1 ${host}`);',
          '});',
        ],
      },
    },
  };
}

import { describe, expect, it } from 'vitest';

import { runRule, runRuleTests } from '../test-support/rule-tester.js';
import { describeSecretKind, hardcodedSecret } from './hardcoded-secret.js';

// Assembled at run time so this test file does not itself trip secret scanners.
const GITHUB_TOKEN = ['ghp', '_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');
const SLACK_TOKEN = ['xoxb', '-123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('');

runRuleTests(hardcodedSecret, {
  valid: [
    { name: 'token read from the environment', code: `const token = process.env.GITHUB_TOKEN;\nmodule.exports = { token };` },
    { name: 'short placeholder key', code: `const jwt = require('jsonwebtoken');\nexports.t = (p) => jwt.sign(p, 'x');` },
  ],
  invalid: [
    {
      name: 'GitHub token in a string',
      code: `const client = { auth: '${GITHUB_TOKEN}' };\nmodule.exports = client;`,
      errors: [{ messageId: 'secretInSource', line: 1, column: 25 }],
    },
    {
      name: 'Slack token on a later line',
      code: `// config\nconst slack = "${SLACK_TOKEN}";\nmodule.exports = slack;`,
      errors: [{ messageId: 'secretInSource', line: 2, column: 16 }],
    },
    {
      name: 'Stripe live secret key (no detector in the secretlint 11 preset)',
      code: `module.exports = {\n  stripeSecretKey: '${['sk', 'live', '51YaguraTestKeyNotReal8fQ2xLm9TzR4wV7bN3k'].join('_')}',\n};`,
      errors: [{ messageId: 'secretInSource', line: 2, column: 21 }],
    },
    {
      name: 'tokens in several files, one at the very end of its file, one after a file that disables secretlint',
      code: [
        { path: 'a.js', code: `module.exports = '${GITHUB_TOKEN}'` },
        { path: 'b.js', code: `// secretlint-disable\nmodule.exports = '${SLACK_TOKEN}';` },
        { path: 'c.js', code: `module.exports = {\n  slack: '${SLACK_TOKEN}',\n};` },
        { path: 'd.js', code: `'${GITHUB_TOKEN}'` },
      ],
      errors: [
        { messageId: 'secretInSource', line: 1, column: 19, file: 'a.js' },
        { messageId: 'secretInSource', line: 2, column: 11, file: 'c.js' },
        { messageId: 'secretInSource', line: 1, column: 2, file: 'd.js' },
      ],
    },
    {
      name: 'constant JWT signing key',
      code: `const jwt = require('jsonwebtoken');\nexports.issue = (user) => jwt.sign({ sub: user.id }, 'my-super-secret-key');`,
      errors: [{ messageId: 'constantKey', line: 2, column: 27 }],
    },
  ],
});

describe('hardcoded-secret findings', () => {
  it('never contain the secret in message or properties', async () => {
    const result = await runRule(hardcodedSecret, { code: `const t = '${GITHUB_TOKEN}';\nmodule.exports = t;` });
    const findings = result.findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain(GITHUB_TOKEN.slice(4));
  });
});

describe('describeSecretKind', () => {
  it('names the secret once, with acronyms kept and the key mode in parentheses', () => {
    expect(describeSecretKind('@secretlint/secretlint-rule-stripe', 'STRIPE_SECRET_KEY_LIVE')).toBe('stripe secret key (live)');
    expect(describeSecretKind('@secretlint/secretlint-rule-aws', 'AWSAccessKeyID')).toBe('AWS access key ID');
    expect(describeSecretKind('@secretlint/secretlint-rule-privatekey', 'PrivateKey')).toBe('private key');
    expect(describeSecretKind('@secretlint/secretlint-rule-slack', 'IncomingWebhook')).toBe('slack incoming webhook');
  });
});

describe('hardcoded-secret cost', () => {
  it('leaves no secretlint profiling marks behind, whose processing grows with every file linted', async () => {
    performance.clearMarks();
    for (let i = 0; i < 3; i++) {
      const result = await runRule(hardcodedSecret, { code: `const client = { auth: '${GITHUB_TOKEN}' };\nmodule.exports = client;` });
      expect(result.findings).toHaveLength(1);
    }
    expect(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('@core>'))).toEqual([]);
  });
});

describe('hardcoded-secret over many files', () => {
  it('finds in one analysis of many files what it finds in each file alone, where it is in that file', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({
      path: `lib/f${String(i)}.js`,
      code: i % 7 === 3 ? `// ${String(i)}\nexports.k = {\n  token: '${i % 2 === 0 ? GITHUB_TOKEN : SLACK_TOKEN}' };\n` : `exports.v${String(i)} = ${String(i)};\n`,
    }));
    const together = await runRule(hardcodedSecret, { code: files });
    const alone = await Promise.all(files.map(async (f) => (await runRule(hardcodedSecret, { code: [f] })).findings));
    const where = (fs: readonly { location: { file: string; startLine: number; startColumn: number }; fingerprint: string }[]): string[] =>
      fs.map((f) => `${f.location.file}:${String(f.location.startLine)}:${String(f.location.startColumn)} ${f.fingerprint}`).sort();
    expect(where(together.findings)).toEqual(where(alone.flat()));
    expect(together.findings.map((f) => f.location.file)).toEqual(['lib/f3.js', 'lib/f10.js', 'lib/f17.js', 'lib/f24.js', 'lib/f31.js', 'lib/f38.js']);
  });
});

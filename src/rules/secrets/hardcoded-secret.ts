import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';

import { createRule } from '../../core/index.js';
import type { CallFact, Location, ProgramFacts, RuleContext } from '../../core/index.js';

// secretlint 11 profiles every lint whether or not anyone reads the profile: each `performance.mark` is
// buffered for good and handed to an observer that scans every earlier mark, so the cost grows with the
// square of the files linted in the process (secretlint/secretlint#1633, fixed in 13.x, which needs Node 22).
secretLintProfiler.mark = () => undefined;

const SECRETLINT_CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] };
const RULE_PREFIX = '@secretlint/secretlint-rule-';

/** APIs whose argument at this index is a signing or MAC key; a constant there is a hard-coded secret. */
const KEY_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  ['jwt.sign', 1],
  ['jwt.verify', 1],
  ['jsonwebtoken.sign', 1],
  ['jsonwebtoken.verify', 1],
  ['crypto.createHmac', 1],
]);

/** Shortest constant key worth reporting: `''` and `'x'` are placeholders, not secrets. */
const MIN_KEY_LENGTH = 6;

/** Location of a secretlint match; secretlint columns are 0-based, ours 1-based. */
function toLocation(file: string, loc: { start: { line: number; column: number }; end: { line: number; column: number } }): Location {
  return {
    file,
    startLine: loc.start.line,
    startColumn: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
  };
}

/** Words kept upper-case in secret names; other words are lower-cased. */
const ACRONYMS = new Set(['AWS', 'API', 'ID', 'JSON', 'NPM', 'SQL', 'URL', 'DB', 'GCP', 'PAT', 'SSH', 'RSA', 'JWT']);

/**
 * Human name of what secretlint found, never the secret: `STRIPE_SECRET_KEY_LIVE` ->
 * "stripe secret key (live)", `AWSAccessKeyID` -> "AWS access key ID". The provider is prefixed only
 * when the message id does not name it already.
 */
export function describeSecretKind(ruleId: string, messageId: string): string {
  const provider = (ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId).replace(/-/g, ' ');
  const words = messageId
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[_\s]+/)
    .filter((w) => w !== '');
  const modes = words.filter((w) => /^(live|test)$/i.test(w)).map((w) => w.toLowerCase());
  const name = words.filter((w) => !/^(live|test)$/i.test(w)).map((w) => (ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.toLowerCase()));
  const named = name.join('').toLowerCase().includes(provider.replace(/\s/g, '').toLowerCase());
  const kind = `${named || provider === '' ? '' : `${provider} `}${name.join(' ')}`.trim() || 'credential';
  return modes.length > 0 ? `${kind} (${modes.join(', ')})` : kind;
}

/** "a" or "an" before a kind, by its first sound as written. */
function withArticle(kind: string): string {
  return `${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * Key formats the pinned secretlint preset (11.x, the last for Node 20) has no detector for, as
 * (detector, message id, pattern). Stripe secret and restricted keys: `sk_live_...`, `rk_test_...`.
 */
const EXTRA_DETECTORS: readonly { readonly ruleId: string; readonly pattern: RegExp; readonly messageId: (m: RegExpExecArray) => string }[] = [
  {
    ruleId: `${RULE_PREFIX}stripe`,
    pattern: /\b(sk|rk)_(live|test)_[0-9a-zA-Z]{24,247}\b/g,
    messageId: (m) => `STRIPE_${m[1] === 'rk' ? 'RESTRICTED' : 'SECRET'}_KEY_${(m[2] ?? '').toUpperCase()}`,
  },
];

function locationAt(file: string, text: string, start: number, end: number): Location {
  const position = (offset: number): { line: number; column: number } => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  return toLocation(file, { start: position(start), end: position(end) });
}

function reportExtraDetectors(context: RuleContext, program: ProgramFacts, seen: ReadonlySet<number>): void {
  for (const detector of EXTRA_DETECTORS) {
    for (const m of program.text.matchAll(detector.pattern)) {
      if (seen.has(m.index)) continue;
      const messageId = detector.messageId(m);
      context.report({
        messageId: 'secretInSource',
        data: { kind: withArticle(describeSecretKind(detector.ruleId, messageId)) },
        location: locationAt(program.file, program.text, m.index, m.index + m[0].length),
        text: `${detector.ruleId}:${messageId}`,
        enclosing: '<module>',
        properties: { detector: detector.ruleId, secretKind: messageId, length: m[0].length },
      });
    }
  }
}

async function reportSecretlintMatches(context: RuleContext, program: ProgramFacts): Promise<void> {
  const result = await lintSource({
    source: { filePath: program.file, content: program.text, contentType: 'text' },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  const seen = new Set(result.messages.map((m) => m.range[0]));
  reportExtraDetectors(context, program, seen);
  for (const message of result.messages) {
    const kind = withArticle(describeSecretKind(message.ruleId, message.messageId));
    context.report({
      messageId: 'secretInSource',
      data: { kind },
      location: toLocation(program.file, message.loc),
      // Fingerprint material is the kind and position in the file's own words, never the secret.
      text: `${message.ruleId}:${message.messageId}`,
      enclosing: '<module>',
      properties: { detector: message.ruleId, secretKind: message.messageId, length: message.range[1] - message.range[0] },
    });
  }
}

function reportConstantKeys(context: RuleContext, calls: readonly CallFact[]): void {
  for (const call of calls) {
    const index = KEY_ARGUMENTS.get(call.api);
    if (index === undefined) continue;
    const key = call.constantArgs[index];
    if (typeof key !== 'string' || key.length < MIN_KEY_LENGTH) continue;
    context.report({
      messageId: 'constantKey',
      data: { api: `${call.api}()` },
      location: call.location,
      text: call.text,
      enclosing: call.enclosing,
      properties: { api: call.api, argument: index, length: key.length },
    });
  }
}

/** Credentials committed in source (CWE-798): secretlint's recommended detectors plus constant signing keys. */
export const hardcodedSecret = createRule({
  id: 'hardcoded-secret',
  meta: {
    description: 'Detect credentials and signing keys written in source code',
    severity: 'high',
    cwe: ['CWE-798'],
    status: 'experimental',
    messages: {
      secretInSource: 'Found {{kind}} written in the source (value masked).',
      constantKey: 'The signing key passed to {{api}} is a string constant in the source (value masked).',
    },
    explanation:
      'Anyone with the code (a leaked repository, a published package, a container image, a former employee) ' +
      'gets the credential. Keys in git history stay valid until rotated, and a constant JWT or HMAC key lets the ' +
      'holder mint tokens for any user.',
    fix:
      'Revoke and rotate the credential now, then load it at run time from the environment or a secret manager ' +
      '(Vault, AWS Secrets Manager, Kubernetes secrets) and keep it out of version control; purge it from git ' +
      'history. Add secretlint to pre-commit hooks.',
  },
  create: (context) => ({
    program: async (program) => {
      reportConstantKeys(context, program.calls);
      await reportSecretlintMatches(context, program);
    },
  }),
});

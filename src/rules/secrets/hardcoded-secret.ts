import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';

import { createRule } from '../../core/index.js';
import { lineOf } from '../../engine/index.js';
import type { CallFact, Location, ProgramFacts, RuleContext, SourceText } from '../../core/index.js';

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

/** What secretlint found in one file, at offsets of that file. */
interface SecretMatch {
  readonly ruleId: string;
  readonly messageId: string;
  readonly start: number;
  readonly end: number;
}

async function lintText(file: string, content: string): Promise<SecretMatch[]> {
  const result = await lintSource({
    source: { filePath: file, content, contentType: 'text' },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, start: m.range[0], end: m.range[1] }));
}

/**
 * Between two files linted as one text. Each detector's pattern stops at a line break or at a NUL (they match
 * tokens, `key = value` on one line, or base64 and whitespace between PEM markers): none runs from one file into the next.
 */
const SEPARATOR = '\n\u0000\n';

/**
 * secretlint's matches in every file of an analysis. A call of `lintSource` costs more than the text it reads (on
 * lodash's 1,046 files: 86 ms one by one, 26 ms as one text), so the files are linted as one text and the matches
 * handed back to their files. A file with secretlint's comment directives (`secretlint-disable` holds to the end of
 * its text), or a NUL of its own, is linted alone, and so is a file a match ran into or out of.
 */
async function lintAll(files: readonly SourceText[]): Promise<Map<string, SecretMatch[]>> {
  // Every file of the batch has its entry, matches or none: a file without one was not in it.
  const out = new Map<string, SecretMatch[]>(files.map((f) => [f.file, []]));
  const together: SourceText[] = [];
  const alone = new Set<SourceText>();
  for (const f of files) {
    if (f.text.includes('secretlint-') || f.text.includes('\u0000')) alone.add(f);
    else together.push(f);
  }
  const starts: number[] = [];
  let offset = 0;
  for (const f of together) {
    starts.push(offset);
    offset += f.text.length + SEPARATOR.length;
  }
  const matches = together.length === 0 ? [] : await lintText(together[0]?.file ?? '', together.map((f) => f.text).join(SEPARATOR));
  for (const m of matches) {
    // The file a match starts in: the last whose start is at or before it (the search that finds a line by its start).
    const i = lineOf(starts, m.start) - 1;
    const f = together[i];
    const start = starts[i];
    if (f === undefined || start === undefined) continue;
    if (m.start - start >= f.text.length) {
      // Starts in the separator: it runs into the next file.
      const next = together[i + 1];
      if (next) alone.add(next);
      continue;
    }
    if (m.end - start > f.text.length) {
      alone.add(f);
      continue;
    }
    out.get(f.file)?.push({ ...m, start: m.start - start, end: m.end - start });
  }
  for (const f of alone) out.set(f.file, await lintText(f.file, f.text));
  return out;
}

/** One batch per analysis: its files' list is the same array for all of them (ProgramFacts.analysed). */
const batches = new WeakMap<readonly SourceText[], Promise<Map<string, SecretMatch[]>>>();

async function secretlintMatches(program: ProgramFacts): Promise<readonly SecretMatch[]> {
  const all = program.analysed;
  if (!all) return lintText(program.file, program.text);
  let batch = batches.get(all);
  if (!batch) batches.set(all, (batch = lintAll(all)));
  return (await batch).get(program.file) ?? lintText(program.file, program.text);
}

async function reportSecretlintMatches(context: RuleContext, program: ProgramFacts): Promise<void> {
  const matches = await secretlintMatches(program);
  const seen = new Set(matches.map((m) => m.start));
  reportExtraDetectors(context, program, seen);
  for (const match of matches) {
    const kind = withArticle(describeSecretKind(match.ruleId, match.messageId));
    context.report({
      messageId: 'secretInSource',
      data: { kind },
      location: locationAt(program.file, program.text, match.start, match.end),
      // Fingerprint material is the kind and position in the file's own words, never the secret.
      text: `${match.ruleId}:${match.messageId}`,
      enclosing: '<module>',
      properties: { detector: match.ruleId, secretKind: match.messageId, length: match.end - match.start },
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

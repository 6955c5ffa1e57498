import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Finding } from '../core/index.js';
import { analyze } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';
import { ALL_RULES } from '../rules/index.js';
import { prepareTarget, proveFinding, replayEvidence, runWitness, type ProofEvidence } from './index.js';
import { createLibraryWitness } from './witness/library-witness.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let tempDir: string;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'yagura-prove-test-'));
  // The sandbox user (another uid) must reach the throw-away copies made under it.
  await chmod(tempDir, 0o711);
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

function options() {
  return { threatModel: 'library' as const, timeoutMs: 10_000, nodePath: process.execPath, tempDir, now: () => new Date(), clock: () => performance.now() };
}

async function findingsOf(fixture: string, source: string): Promise<Finding[]> {
  const { readFile } = await import('node:fs/promises');
  const files = [
    { path: 'package.json', text: await readFile(join(FIXTURES, fixture, 'package.json'), 'utf8') },
    { path: 'index.js', text: source === '' ? await readFile(join(FIXTURES, fixture, 'index.js'), 'utf8') : source },
  ];
  const result = await analyze({ root: fixture, files }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'library' });
  return [...result.findings];
}

/** The finding of a rule, failing the test when the engine reports none. */
function ofRule(findings: readonly Finding[], ruleId: string): Finding {
  const found = findings.find((f) => f.ruleId === ruleId);
  if (found === undefined) throw new Error(`no ${ruleId} finding`);
  return found;
}

async function prove(fixture: string, finding: Finding): Promise<ProofEvidence> {
  const target = await prepareTarget(join(FIXTURES, fixture), { tempDir });
  try {
    return await proveFinding(finding, target, options());
  } finally {
    await target.dispose();
  }
}

describe('proveFinding (library threat model)', () => {
  it('proves a prototype pollution in an exported merge with a nonce marker, verified 3 times', async () => {
    const finding = ofRule(await findingsOf('lib-merge-vulnerable', ''), 'prototype-pollution');
    const evidence = await prove('lib-merge-vulnerable', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.verification?.runs).toHaveLength(3);
    expect(evidence.verification?.reproductions).toBeGreaterThanOrEqual(2);
    const nonces = evidence.verification?.runs.map((r) => r.nonce) ?? [];
    // Every run draws its own nonce: the oracle can never be satisfied by a leftover of another run.
    expect(new Set(nonces).size).toBe(3);
    expect(evidence.witness?.payload).toContain('merge');
    expect(evidence.sandbox?.isolated).toBe(true);
    expect(evidence.sandbox?.network).toBe('none');
    expect(Object.prototype).not.toHaveProperty(`yagura_${nonces[0] ?? ''}`);
    // The node that ran the witness reports its own version; the sandbox records bubblewrap's.
    expect(evidence.tools.node).toBe(process.version);
    expect(evidence.tools.bubblewrap).toMatch(/^\d+\.\d+/);

    // The same witness replayed on the fixed version must not be accepted.
    const fixed = await prepareTarget(join(FIXTURES, 'lib-merge-fixed'), { tempDir });
    try {
      const replay = await replayEvidence(evidence, fixed, options());
      expect(replay?.accepted).toBe(false);
      expect(replay?.reproductions).toBe(0);
    } finally {
      await fixed.dispose();
    }
  }, 60_000);

  it('proves a command injection with a marker file created by a shell, and names the call', async () => {
    const finding = ofRule(await findingsOf('lib-shell', ''), 'command-injection');
    const evidence = await prove('lib-shell', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toMatch(/require\("\."\)\.ping\(/);
    expect(evidence.verification?.runs[0]?.observation).toMatch(/^marker file \/tmp\/yagura-[0-9a-f]{16}-1 created by a shell$/);
  }, 60_000);

  it('does not prove the fixed merge: its finding, if any, stays not-reproduced', async () => {
    const vulnerable = ofRule(await findingsOf('lib-merge-vulnerable', ''), 'prototype-pollution');
    // Prove the vulnerable finding's path against the fixed code: same entry, guarded keys.
    const evidence = await prove('lib-merge-fixed', vulnerable);
    expect(evidence.status).toBe('not-reproduced');
    expect(evidence.verification).toBeUndefined();
  }, 60_000);

  it('calls only the exported function the flow starts from, never the internal module of the sink', async () => {
    const { readFile } = await import('node:fs/promises');
    const read = (fixture: string) =>
      Promise.all(['package.json', 'index.js', 'lib/run.js'].map(async (path) => ({ path, text: await readFile(join(FIXTURES, fixture, path), 'utf8') })));
    const result = await analyze({ root: 'guarded-api', files: await read('lib-guarded-api-vulnerable') }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'library' });
    const finding = ofRule(result.findings, 'command-injection');
    expect(finding.location.file).toBe('lib/run.js');
    // find('pid', value) reaches the helper; the search does not guess the key, so the finding stays unproven.
    // Calling lib/run.js directly would "prove" it, and would also succeed on the fixed release, whose check sits
    // in find() while lib/run.js is unchanged: a proof of a flow no caller of the package has.
    const evidence = await prove('lib-guarded-api-vulnerable', finding);
    expect(/"modules":(\[[^\]]*\])/.exec(evidence.witness?.script ?? '')?.[1]).toBe('[".","./index.js"]');
    expect(evidence.status).toBe('not-reproduced');
    expect((await readFile(join(FIXTURES, 'lib-guarded-api-fixed', 'lib/run.js'), 'utf8'))).toBe(await readFile(join(FIXTURES, 'lib-guarded-api-vulnerable', 'lib/run.js'), 'utf8'));
  }, 90_000);

  it('proves a ReDoS by the CPU time spent inside the flagged regex, not by the whole call', async () => {
    const finding = ofRule(await findingsOf('lib-trim-vulnerable', ''), 'redos');
    const evidence = await prove('lib-trim-vulnerable', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toMatch(/require\("\."\)\.trimEnd\(/);
    expect(evidence.verification?.runs[0]?.observation).toMatch(/^time inside matches of the flagged regex grows as length\^[\d.]+ /);
  }, 60_000);

  it('counts only the flagged pattern: another regex slowing down proves nothing about it', async () => {
    const finding = ofRule(await findingsOf('lib-trim-vulnerable', ''), 'redos');
    // Same call and attack string; the finding now names a pattern the package never runs.
    const elsewhere: Finding = { ...finding, properties: { ...finding.properties, pattern: String.raw`\s+,` } };
    expect((await prove('lib-trim-vulnerable', elsewhere)).status).toBe('not-reproduced');
  }, 60_000);

  it('does not prove a fixed version whose call is quadratic outside the regex', async () => {
    const finding = ofRule(await findingsOf('lib-trim-vulnerable', ''), 'redos');
    const witness = createLibraryWitness(finding, 'redos', 'search', { budgetMs: 10_000 });
    if ('unsupported' in witness) throw new Error(witness.unsupported);
    const target = await prepareTarget(join(FIXTURES, 'lib-trim-fixed'), { tempDir });
    try {
      const run = await runWitness(witness, target.dir, options());
      expect(run.outcome.reproduced).toBe(false);
      // The whole call did slow down quadratically; the regex inside it did not.
      const slow = run.outcome.details.slow as { call: string; last: { length: number; regexMs: number; totalMs: number } }[];
      const trim = slow.find((s) => s.call === 'trimEnd');
      expect(trim?.last.length).toBeGreaterThan(8000);
      expect(trim?.last.totalMs).toBeGreaterThan(20);
      expect(trim?.last.regexMs).toBeLessThan(2);
    } finally {
      await target.dispose();
    }
  }, 60_000);

  it('places the payload behind the property path the flow reads, at the tainted parameter', async () => {
    // A payload in every property (a proxy) would also land in options.cwd and the shell would never start.
    const finding = ofRule(await findingsOf('lib-zip-options', ''), 'command-injection');
    const evidence = await prove('lib-zip-options', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toMatch(/^require\("\."\)\.archive\(\["x",\{"(source|destination)":"\{\{P\}\}"\}\]\)/);
  }, 60_000);

  it('proves a ReDoS behind a nested header of a constructor argument, through input trimming', async () => {
    const finding = ofRule(await findingsOf('lib-cache-header', ''), 'redos');
    const evidence = await prove('lib-cache-header', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toContain('{"headers":{"cache-control":"{{P}}"}}');
    // The whitespace pump survives .trim() only between two other characters.
    expect(evidence.witness?.script).toContain('"lead":"!"');
  }, 60_000);

  it('proves code injection through a quote escaper that leaves backslashes, and through a function name', async () => {
    const findings = (await findingsOf('lib-codegen', '')).filter((f) => f.ruleId === 'code-injection');
    const compile = findings.find((f) => f.message.includes('compile'));
    const promisify = findings.find((f) => f.message.includes('promisify'));
    if (compile === undefined || promisify === undefined) throw new Error('expected both code-injection findings');
    const viaCompile = await prove('lib-codegen', compile);
    expect(viaCompile.status).toBe('proven');
    expect(viaCompile.witness?.payload).toContain(`with payload ${JSON.stringify(`\\"+(globalThis['{{KEY}}']='{{NONCE}}')//`)}`);
    const viaName = await prove('lib-codegen', promisify);
    expect(viaName.status).toBe('proven');
    expect(viaName.witness?.payload).toContain('{"$fnWith":{"name":"{{P}}"}}');
  }, 60_000);

  it('does not prove the code generators once they quote with JSON.stringify and check the name', async () => {
    const vulnerable = (await findingsOf('lib-codegen', '')).filter((f) => f.ruleId === 'code-injection');
    const fixedOwn = (await findingsOf('lib-codegen-fixed', '')).filter((f) => f.ruleId === 'code-injection');
    expect(vulnerable.length).toBeGreaterThan(0);
    for (const finding of [...vulnerable, ...fixedOwn]) {
      const evidence = await prove('lib-codegen-fixed', finding);
      expect(evidence.status).toBe('not-reproduced');
    }
  }, 60_000);

  it('proves a deserializer that evaluates its input by a serialized value that sets the marker, and not a JSON one', async () => {
    const finding = ofRule(await findingsOf('lib-deser-eval', ''), 'unsafe-deserialization');
    const evidence = await prove('lib-deser-eval', finding);
    expect(evidence.status).toBe('proven');
    // The format check wants an object or array literal: the bare expression is refused, the wrapped one runs.
    expect(evidence.witness?.payload).toMatch(/^require\("\."\)\.deserialize\(\["\{\{P\}\}"\]\) with payload "\{x:\(globalThis/);
    expect(evidence.verification?.runs[0]?.observation).toMatch(/^globalThis\.yagura_[0-9a-f]{16} === nonce [0-9a-f]{16}, set by deserialized code$/);
    // Same entry, same payloads, parsed with JSON.parse and a reviver: nothing runs.
    expect((await prove('lib-deser-json', finding)).status).toBe('not-reproduced');
    const target = await prepareTarget(join(FIXTURES, 'lib-deser-json'), { tempDir });
    try {
      expect((await replayEvidence(evidence, target, options()))?.accepted).toBe(false);
    } finally {
      await target.dispose();
    }
  }, 90_000);

  it('writes no deserialization witness when the sink does not evaluate code (a YAML or class loader)', () => {
    const at = { file: 'index.js', startLine: 3, startColumn: 1, endLine: 3, endColumn: 2, snippet: '  return yaml.load(text);' };
    const finding: Finding = {
      fingerprint: 'yaml',
      ruleId: 'unsafe-deserialization',
      cwe: ['CWE-502'],
      severity: 'critical',
      confidence: 'medium',
      message: 'Serialized data from parameter `text` of exported function read is deserialized by yaml.load().',
      explanation: '',
      fix: '',
      location: at,
      flow: [{ kind: 'sink', location: at, message: 'reaches yaml.load()' }],
      origin: 'static',
      properties: { sinkKind: 'unsafe-deserialization' },
    };
    const witness = createLibraryWitness(finding, 'unsafe-deserialization', 'search', { budgetMs: 10_000 });
    expect(witness).toEqual({ unsupported: 'no library witness for a deserializer that does not evaluate its input as code' });
  });

  it('proves a zip slip by extracting a crafted tar that writes a file outside the extraction root', async () => {
    // The package parses tar headers itself, which the engine does not follow; the finding is written as a
    // scanner that did would report it (the prover only reads the flow).
    const at = (line: number, snippet: string) => ({ file: 'index.js', startLine: line, startColumn: 1, endLine: line, endColumn: 2, snippet });
    const sink = at(25, '    fs.writeFileSync(target, entry.data);');
    const write: Finding = {
      fingerprint: 'untar',
      ruleId: 'path-traversal',
      cwe: ['CWE-22'],
      severity: 'high',
      confidence: 'medium',
      message: 'File path built from a tar entry name reaches fs.writeFileSync().',
      explanation: '',
      fix: '',
      location: sink,
      flow: [
        { kind: 'source', location: at(21, '  for (const entry of entries(fs.readFileSync(archive))) {'), message: 'tar entry is read' },
        { kind: 'step', location: at(23, '    const target = path.join(dest, entry.name);'), message: 'assigned to target' },
        { kind: 'sink', location: sink, message: 'reaches fs.writeFileSync()' },
      ],
      origin: 'static',
    };
    const evidence = await prove('lib-untar-vulnerable', write);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toMatch(/^require\("\."\)\.extract\(\["\{\{ARCHIVE\}\}","\{\{ROOT\}\}"\]\)/);
    expect(evidence.verification?.runs[0]?.observation).toMatch(
      /^extracting a tar archive \(dotdot\) wrote \/tmp\/yagura-slip-[0-9a-f]{16}\/a\/yagura-escape-(dotdot|nested), outside the root /,
    );
    // The fixed extractor skips entries that resolve outside the root: neither search nor replay gets out.
    const fixed = await prove('lib-untar-fixed', write);
    expect(fixed.status).toBe('not-reproduced');
    const target = await prepareTarget(join(FIXTURES, 'lib-untar-fixed'), { tempDir });
    try {
      const replay = await replayEvidence(evidence, target, options());
      expect(replay?.accepted).toBe(false);
    } finally {
      await target.dispose();
    }
  }, 90_000);

  it('proves a pollution that needs a setter to choose the key first, and not once the table is guarded', async () => {
    const at = (line: number, snippet: string) => ({ file: 'index.js', startLine: line, startColumn: 1, endLine: line, endColumn: 2, snippet });
    const sink = at(13, '    this.cache[this.locale][key] = messages[key];');
    const finding: Finding = {
      fingerprint: 'locale',
      ruleId: 'prototype-pollution',
      cwe: ['CWE-1321'],
      severity: 'high',
      confidence: 'medium',
      message: 'Key and value from parameter `messages` of exported function updateLocale are written at this.cache[this.locale][key].',
      explanation: '',
      fix: '',
      location: sink,
      flow: [
        {
          kind: 'source',
          location: at(10, 'Catalog.prototype.updateLocale = function (messages) {'),
          message: 'parameter `messages` of exported function updateLocale is read',
        },
        { kind: 'sink', location: sink, message: 'reaches dynamic property write this.cache[this.locale][key]' },
      ],
      origin: 'static',
    };
    const evidence = await prove('lib-locale-vulnerable', finding);
    expect(evidence.status).toBe('proven');
    expect(evidence.witness?.payload).toMatch(/^require\("\."\)\(\)\.setLocale\("__proto__"\)\.updateLocale\(/);
    expect((await prove('lib-locale-fixed', finding)).status).toBe('not-reproduced');
  }, 60_000);

  it('reports findings without a witness generator as unsupported without running anything', async () => {
    const finding: Finding = {
      fingerprint: 'f',
      ruleId: 'hardcoded-secret',
      cwe: ['CWE-798'],
      severity: 'high',
      confidence: 'high',
      message: 'secret',
      explanation: '',
      fix: '',
      location: { file: 'index.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      flow: [],
      origin: 'static',
    };
    const evidence = await prove('lib-shell', finding);
    expect(evidence.status).toBe('unsupported');
    expect(evidence.search).toBeUndefined();
  });
});

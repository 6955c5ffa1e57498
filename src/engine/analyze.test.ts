import { describe, expect, it } from 'vitest';

import type { AnalysisOptions, Rule } from '../core/index.js';
import { createRule } from '../core/index.js';
import { analyze, buildProgram, calleesOf, callersOf, parseFiles } from './index.js';
import { createEveryFlowRule, TEST_MODELS } from './test-support/test-models.js';

const LIB = { path: 'package.json', text: '{"name":"lib","main":"index.js"}' };

function options(extra: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return { rules: [createEveryFlowRule()], models: TEST_MODELS, threatModel: 'library', ...extra };
}

describe('analyze', () => {
  it('reports a PARSE_FAILED diagnostic and still analyses the other files', async () => {
    const result = await analyze(
      { root: 'x', files: [LIB, { path: 'broken.js', text: 'function (' }, { path: 'index.js', text: "const {exec}=require('child_process');\nexports.f=(c)=>exec(c);" }] },
      options(),
    );
    expect(result.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['PARSE_FAILED', 'broken.js']);
    expect(result.findings.map((f) => f.location.file)).toEqual(['index.js']);
  });

  it('reports UNRESOLVED_IMPORT for a missing relative module', async () => {
    const result = await analyze({ root: 'x', files: [LIB, { path: 'index.js', text: "require('./missing');" }] }, options());
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'UNRESOLVED_IMPORT', file: 'index.js' }));
  });

  it('survives 5000 levels of nesting with a BUDGET_EXCEEDED diagnostic', async () => {
    const deep = `exports.f = (x) => ${'['.repeat(5000)}x${']'.repeat(5000)};`;
    const result = await analyze({ root: 'x', files: [LIB, { path: 'index.js', text: deep }] }, options());
    expect(result.diagnostics.some((d) => d.code === 'BUDGET_EXCEEDED' || d.code === 'PARSE_FAILED')).toBe(true);
  });

  it('analyses a 1 MB file and stops at the time budget of a fake clock', async () => {
    const body = Array.from({ length: 25_000 }, (_, i) => `function f${i}(a) { return a + ${i}; }`).join('\n');
    expect(body.length).toBeGreaterThan(1_000_000);
    let now = 0;
    const result = await analyze(
      { root: 'x', files: [LIB, { path: 'index.js', text: body }] },
      options({ clock: () => (now += 1), limits: { maxMillisPerFile: 50 } }),
    );
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'BUDGET_EXCEEDED', file: 'index.js' }));
    expect(result.stats.lines).toBe(25_000);
  });

  it('bounds unbounded recursion and deep call chains', async () => {
    const chain = Array.from({ length: 200 }, (_, i) => `function g${i}(x) { return g${i + 1}(x); }`).join('\n');
    const text = `const {exec}=require('child_process');\n${chain}\nfunction g200(x) { exec(x); return g0(x); }\nexports.run = (x) => g0(x);`;
    const result = await analyze({ root: 'x', files: [LIB, { path: 'index.js', text }] }, options({ limits: { maxCallDepth: 5 } }));
    expect(result.diagnostics.some((d) => d.code === 'BUDGET_EXCEEDED')).toBe(true);
  });

  it('turns a throwing rule into a RULE_CRASHED diagnostic and keeps the other rules', async () => {
    const crashing: Rule = createRule({
      id: 'crashing',
      meta: { description: 'Detect nothing', severity: 'low', cwe: ['CWE-20'], status: 'experimental', messages: {}, explanation: '', fix: '', sinkKinds: ['command-injection'] },
      create: () => ({
        taintedSink: () => {
          throw new Error('boom');
        },
      }),
    });
    const result = await analyze(
      { root: 'x', files: [LIB, { path: 'index.js', text: "const {exec}=require('child_process');\nexports.f=(c)=>exec(c);" }] },
      options({ rules: [crashing, createEveryFlowRule()] }),
    );
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'RULE_CRASHED', ruleId: 'crashing' }));
    expect(result.findings).toHaveLength(1);
  });

  it('fills message, fingerprint and 1-based locations of a finding', async () => {
    const result = await analyze(
      { root: 'x', files: [LIB, { path: 'index.js', text: "const {exec}=require('child_process');\nexports.f=(c)=>exec(c);" }] },
      options(),
    );
    const [f] = result.findings;
    expect(f?.message).toBe('parameter `c` of exported function f reaches child_process.exec()');
    expect(f?.location).toMatchObject({ file: 'index.js', startLine: 2, startColumn: 16 });
    expect(f?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(f?.flow[0]?.kind).toBe('source');
    expect(f?.flow.at(-1)?.kind).toBe('sink');
  });

  it('locates a step at a call in the file that holds the call, when a summary defers it to a caller in another file', async () => {
    // `cb(x)` is written in run.js; it is replayed where index.js applies run's summary. Its step used to be located at
    // run.js's offset inside index.js (index.js:4:15 here, a place that calls nothing).
    const run = `${'// padding\n'.repeat(5)}function run(cb, x) {\n  return cb(x);\n}\nmodule.exports = run;\n`;
    const index = "const { exec } = require('child_process');\nconst run = require('./run');\nmodule.exports = function go(cmd) {\n  return run(function (c) { exec(c); }, cmd);\n};\n";
    const result = await analyze(
      { root: 'x', files: [{ path: 'package.json', text: '{"name":"lib","main":"index.js"}' }, { path: 'run.js', text: run }, { path: 'index.js', text: index }] },
      options(),
    );
    const [f] = result.findings;
    const where = (s: { location: { file: string; startLine: number; startColumn: number } }): string => `${s.location.file}:${String(s.location.startLine)}:${String(s.location.startColumn)}`;
    expect(f?.flow.map((s) => `${s.kind} ${where(s)}`)).toEqual(['source index.js:3:30', 'call index.js:3:18', 'call index.js:4:10', 'call run.js:7:10', 'sink run.js:7:10']);
  });

  // Two files with the same code put their calls and writes at the same line, column and offset: each is its own place.
  const twin = (name: string, body: string): { path: string; text: string } => ({ path: `${name}.js`, text: body });
  const where = (r: Awaited<ReturnType<typeof analyze>>): string[] => r.findings.map((f) => `${f.location.file}:${String(f.location.startLine)}`).sort();

  it('reports a sink reached through each of two helpers written alike in two files', async () => {
    // The callback is applied at `cb(x)` in a.js and in c.js, at the same offset: the second application was taken for
    // the first (memo key without the file), and its hit for the same hit (summary hits compared by line and column).
    const run = 'module.exports = function run(cb, x) {\n  return cb(x);\n};\n';
    const index = "const { exec } = require('child_process');\nconst runA = require('./a');\nconst runC = require('./c');\nmodule.exports = function go(cmd) {\n  const handler = function (c) { exec(c); };\n  runA(handler, cmd);\n  runC(handler, cmd);\n};\n";
    const result = await analyze({ root: 'x', files: [LIB, twin('a', run), twin('c', run), { path: 'index.js', text: index }] }, options());
    expect(where(result)).toEqual(['a.js:2', 'c.js:2']);
  });

  it('reports a prototype-pollution write in each of two merge helpers written alike in two files', async () => {
    const merge =
      'module.exports = function merge(target, source) {\n  for (const key in source) {\n' +
      "    if (typeof source[key] === 'object') merge(target[key] || (target[key] = {}), source[key]);\n    else target[key] = source[key];\n  }\n  return target;\n};\n";
    const index = "const mergeA = require('./a');\nconst mergeC = require('./c');\nmodule.exports = function both(t, s, which) {\n  return which ? mergeA(t, s) : mergeC(t, s);\n};\n";
    const result = await analyze({ root: 'x', files: [LIB, twin('a', merge), twin('c', merge), { path: 'index.js', text: index }] }, options());
    expect(where(result).filter((w) => w.endsWith(':4'))).toEqual(['a.js:4', 'c.js:4']);
  });

  it('does not treat exported parameters as sources under the application threat model', async () => {
    const result = await analyze(
      { root: 'x', files: [LIB, { path: 'index.js', text: "const {exec}=require('child_process');\nexports.f=(c)=>exec(c);" }] },
      options({ threatModel: 'application' }),
    );
    expect(result.findings).toHaveLength(0);
    expect(result.threatModel).toBe('application');
  });

  it('announces a regex that tainted input reaches while interpreting, and no regex that only constants meet', async () => {
    const announced: string[] = [];
    const code = [
      'exports.parse = (s) => /^(a+)+$/.test(s);',
      "exports.version = () => /^\\d+\\.\\d+$/.test('1.2');",
    ].join('\n');
    await analyze({ root: 'x', files: [LIB, { path: 'index.js', text: code }] }, options({ onTaintedRegex: (pattern, flags) => announced.push(`/${pattern}/${flags}`) }));
    expect(announced).toContain('/^(a+)+$/');
    expect(announced.some((p) => p.includes('\\d'))).toBe(false);
  });

  it('computes each summary once and reuses it at every call site', () => {
    const calls = Array.from({ length: 50 }, (_, i) => `exports.e${i} = (x) => wrap(x);`).join('\n');
    const text = `const {exec}=require('child_process');\nfunction wrap(c) { return exec('ls ' + c); }\n${calls}`;
    const parsed = parseFiles([LIB, { path: 'index.js', text }]);
    const program = buildProgram({ root: 'x', files: [LIB, { path: 'index.js', text }], parsed: parsed.files, parseDiagnostics: [] }, options());
    expect(program.interpreter.flows).toHaveLength(50);
    expect(callersOf(program, 'index.js', 'wrap')).toHaveLength(50);
    expect(calleesOf(program, 'index.js', 'e0')).toEqual([expect.objectContaining({ name: 'wrap' })]);
    expect(program.interpreter.functions.filter((f) => f.name === 'wrap').every((f) => f.status === 'done')).toBe(true);
  });

  it('resolves auto to library for a package and to application for a server', async () => {
    const lib = await analyze({ root: 'x', files: [LIB, { path: 'index.js', text: 'exports.a = 1;' }] }, options({ threatModel: 'auto' }));
    expect(lib.threatModel).toBe('library');
    const app = await analyze({ root: 'x', files: [LIB, { path: 'index.js', text: "const app = require('express')();\napp.listen(3000);" }] }, options({ threatModel: 'auto' }));
    expect(app.threatModel).toBe('application');
    expect(app.threatModelReason).toContain('index.js');
  });

  it('follows taint into a regex only when matching it may take super-linear time', () => {
    // isInt is called at every helper like lodash's isIndex: a pattern proven linear is no sink, there or in summaries.
    const text = [
      'const reIsUint = /^(?:0|[1-9]\\d*)$/;',
      'function isInt(v) { return reIsUint.test(v); }',
      'function trim(v) { return v.replace(/\\s+$/, ""); }',
      'function pick(v) { return [/^a+$/, /(x+x+)+y/].map((re) => re.exec(v)); }',
      'exports.a = (s) => isInt(s) && trim(s) && pick(s);',
    ].join('\n');
    const parsed = parseFiles([LIB, { path: 'index.js', text }]);
    const program = buildProgram({ root: 'x', files: [LIB, { path: 'index.js', text }], parsed: parsed.files, parseDiagnostics: [] }, options());
    const patterns = program.interpreter.flows.filter((f) => f.site.kind === 'redos').map((f) => f.site.details?.pattern);
    expect([...new Set(patterns)].sort()).toEqual(['(x+x+)+y', '\\s+$']);
    const isInt = program.interpreter.functions.find((f) => f.name === 'isInt');
    expect(isInt?.summary?.sinks).toEqual([]);
  });
});

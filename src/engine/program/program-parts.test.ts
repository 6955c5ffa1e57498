import { describe, expect, it } from 'vitest';

import type { AnalysisOptions, PartJob, PartResult, SourceFile } from '../../core/index.js';
import { analyze } from '../index.js';
import { createEveryFlowRule, TEST_MODELS } from '../test-support/test-models.js';
import { partitionProgram } from './program-parts.js';
import { readPackageInfo } from './resolve-module.js';

function contextOf(files: readonly SourceFile[]) {
  const packages = new Map();
  for (const f of files) {
    const info = f.path.endsWith('package.json') ? readPackageInfo(f) : undefined;
    if (info) packages.set(info.dir, info);
  }
  return { files: new Set(files.map((f) => f.path)), packages };
}

/** Blank lines that make a part big enough to be interpreted apart (parts under 200 lines join the rest). */
const PADDING = '\n'.repeat(250);

const PKG: SourceFile = { path: 'package.json', text: '{"name":"lib","main":"lib/index.js"}' };
/** A package's sources beside a self-contained bundle of them: two parts, a flow in each. */
const TWO_PARTS: SourceFile[] = [
  PKG,
  { path: 'lib/index.js', text: `const run = require('./run');\nexports.run = (cmd) => run(cmd);${PADDING}` },
  { path: 'lib/run.js', text: `const { exec } = require('child_process');\nmodule.exports = function run(c) { exec('ls ' + c); };${PADDING}` },
  { path: 'bundle.js', text: `const cp = require('child_process');\nfunction run(c) { cp.execSync(c); }\nmodule.exports = { run };${PADDING}` },
];

function options(extra: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return { rules: [createEveryFlowRule()], models: TEST_MODELS, threatModel: 'library', ...extra };
}

/** A runner that interprets the parts one after the other, recording what it was given and what came back. */
function recordingRunner(): { jobs: PartJob[]; results: PartResult[]; run: NonNullable<AnalysisOptions['runParts']> } {
  const jobs: PartJob[] = [];
  const results: PartResult[] = [];
  return {
    jobs,
    results,
    run: async (given, runHere) => {
      jobs.push(...given);
      const out = given.map(runHere);
      results.push(...out);
      return Promise.resolve(out);
    },
  };
}

const summary = (r: Awaited<ReturnType<typeof analyze>>) => r.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine} ${f.fingerprint}`).sort();

describe('partitionProgram', () => {
  it('groups files that imports connect, in the order of their first file', () => {
    const files: SourceFile[] = [
      { path: 'a.js', text: "require('./b')" },
      { path: 'c.js', text: 'module.exports = 1;' },
      { path: 'b.js', text: "import x from './sub/d.mjs';" },
      { path: 'sub/d.mjs', text: 'export default 1;' },
      { path: 'e.mjs', text: "import c from './c.js'; import fs from 'node:fs';" },
    ];
    expect(partitionProgram(files, contextOf(files))).toEqual([['a.js', 'b.js', 'sub/d.mjs'], ['c.js', 'e.mjs']]);
  });

  it('keeps every file of a chain in one part whatever the import direction', () => {
    const files: SourceFile[] = [
      { path: 'm0.js', text: '' },
      { path: 'm1.js', text: "require('./m0'); require('./m2');" },
      { path: 'm2.js', text: '' },
      { path: 'm3.js', text: "require('./m2'); require('./m4');" },
      { path: 'm4.js', text: '' },
      { path: 'm5.js', text: "require('./m4');" },
    ];
    expect(partitionProgram(files, contextOf(files))).toEqual([files.map((f) => f.path)]);
  });
});

describe('analyze in parts', () => {
  it('interprets independent parts apart with the findings of the whole program', async () => {
    const whole = await analyze({ root: 'x', files: TWO_PARTS }, options());
    const runner = recordingRunner();
    const parts = await analyze({ root: 'x', files: TWO_PARTS }, options({ runParts: runner.run }));
    expect(runner.jobs.map((j) => j.files.map((f) => f.path))).toEqual([['lib/index.js', 'lib/run.js'], ['bundle.js']]);
    // The declared entry stays the entry of its part; the bundle, which it never loads, is one as well.
    expect(runner.jobs.map((j) => j.entryPaths)).toEqual([['lib/index.js'], ['bundle.js']]);
    expect(summary(parts)).toEqual(summary(whole));
    expect(summary(whole).map((s) => s.split(' ')[1])).toEqual(['bundle.js:2', 'lib/run.js:2']);
    expect(parts.stats).toMatchObject({ files: whole.stats.files, lines: whole.stats.lines, functions: whole.stats.functions, flows: whole.stats.flows });
  });

  it('falls back to the whole program when a part imports another through a computed specifier', async () => {
    const files: SourceFile[] = [
      PKG,
      { path: 'lib/index.js', text: `const name = './' + 'shell';\nconst shell = require(name);\nexports.run = (cmd) => shell.exec(cmd);${PADDING}` },
      { path: 'lib/shell.js', text: `const cp = require('child_process');\nexports.exec = (c) => cp.execSync(c);${PADDING}` },
    ];
    const whole = await analyze({ root: 'x', files }, options());
    const runner = recordingRunner();
    const parts = await analyze({ root: 'x', files }, options({ runParts: runner.run }));
    expect(runner.jobs).toHaveLength(2);
    expect(runner.results.map((r) => r.leftPart)).toContain('lib/shell.js');
    // Found across the computed import: the wrapper's sink is reported where the entry passes its parameter.
    expect(summary(whole).map((s) => s.split(' ')[1])).toEqual(['lib/index.js:3']);
    expect(summary(parts)).toEqual(summary(whole));
  });

  it('interprets small parts together and a program that does not split at once', async () => {
    const small: SourceFile[] = [PKG, { path: 'lib/index.js', text: 'exports.a = 1;' }, { path: 'lib/other.js', text: 'exports.b = 2;' }];
    const runner = recordingRunner();
    await analyze({ root: 'x', files: small }, options({ runParts: runner.run }));
    // One job: the runner is not called for a program of one part.
    expect(runner.jobs).toEqual([]);
  });

  it('analyses a program of one part with a file that does not parse as it does without a runner', async () => {
    const files: SourceFile[] = [...TWO_PARTS.slice(0, 3), { path: 'lib/broken.js', text: `const x = ;\nrequire('./index');${PADDING}` }];
    const runner = recordingRunner();
    const whole = await analyze({ root: 'x', files }, options());
    const parts = await analyze({ root: 'x', files }, options({ runParts: runner.run }));
    expect(runner.jobs).toEqual([]);
    expect(parts.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['PARSE_FAILED', 'lib/broken.js']);
    expect(summary(parts).map((s) => s.split(' ')[1])).toEqual(['lib/run.js:2']);
    expect(summary(parts)).toEqual(summary(whole));
    expect(parts.stats).toMatchObject({ files: whole.stats.files, lines: whole.stats.lines, functions: whole.stats.functions, flows: whole.stats.flows });
  });
});

import { afterEach, describe, expect, it } from 'vitest';

import type { AnalysisOptions, AnalysisResult, SourceFile } from '../core/index.js';
import { analyze } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';
import { ALL_RULES } from '../rules/index.js';
import { AnalysisWorkers } from './analysis-workers.js';
import { runModuleScript } from './test-support/module-script.js';

/** Blank lines that make a part big enough to be interpreted apart. */
const PADDING = '\n'.repeat(250);

/**
 * Helpers that keep this thread busy with the sources for a while (tens of milliseconds): a loaded worker is handed the
 * bundle before this thread is free to take it.
 */
const HELPERS = Array.from({ length: 400 }, (_, i) => `function h${String(i)}(a, b) { return [a, b].join('${String(i)}'); }\nexports.h${String(i)} = h${String(i)};`).join('\n');

/** Sources beside a smaller self-contained bundle: the larger part stays on the calling thread, the bundle goes to the worker. */
const FILES: SourceFile[] = [
  { path: 'package.json', text: '{"name":"lib","main":"lib/index.js"}' },
  { path: 'lib/index.js', text: `const run = require('./run');\nexports.run = (cmd) => run(cmd);\n${HELPERS}${PADDING}${PADDING}` },
  { path: 'lib/run.js', text: `const { exec } = require('child_process');\nmodule.exports = function run(c) { exec('ls ' + c); };${PADDING}` },
  {
    path: 'bundle.js',
    text: `const cp = require('child_process');\nfunction run(c) { cp.execSync(c); }\nfunction version(s) { return /^(\\d+\\.?)+$/.test(s); }\nmodule.exports = { run, version };${PADDING}`,
  },
];

const OPTIONS: AnalysisOptions = { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'library' };

const summary = (r: AnalysisResult): string[] => r.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine} ${f.fingerprint}`).sort();

let workers: AnalysisWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe('AnalysisWorkers', () => {
  it('interprets a part on a worker thread with the findings of the whole program on this one', async () => {
    const regexes: string[] = [];
    workers = new AnalysisWorkers({ threads: 1, minThreadChars: 0, onTaintedRegex: (pattern) => regexes.push(pattern) });
    await workers.ready();
    const here = await analyze({ root: 'x', files: FILES }, OPTIONS);
    const split = await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    expect(summary(split)).toEqual(summary(here));
    expect(summary(here).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['command-injection bundle.js:2', 'command-injection lib/run.js:2', 'redos bundle.js:3']);
    // Only the worker reports regexes to this callback: the bundle was interpreted there.
    expect(regexes).toEqual(['^(\\d+\\.?)+$']);
    expect(split.stats).toMatchObject({ functions: here.stats.functions, flows: here.stats.flows });
  }, 30_000);

  it('keeps its thread for the next analysis and runs small programs here', async () => {
    const regexes: string[] = [];
    workers = new AnalysisWorkers({ threads: 1, minThreadChars: 0, onTaintedRegex: (pattern) => regexes.push(pattern) });
    await workers.ready();
    await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    expect(regexes).toHaveLength(2);
    const large = new AnalysisWorkers({ threads: 1, onTaintedRegex: (pattern) => regexes.push(pattern) });
    try {
      // Under the default minimum of characters for a thread: every part runs on the calling thread.
      await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: large.run });
      expect(regexes).toHaveLength(2);
    } finally {
      await large.close();
    }
  }, 30_000);

  it('runs a part here when its thread has not started it by the time this thread is done with its own', async () => {
    const regexes: string[] = [];
    workers = new AnalysisWorkers({ threads: 1, minThreadChars: 0, onTaintedRegex: (pattern) => regexes.push(pattern) });
    const here = await analyze({ root: 'x', files: FILES }, OPTIONS);
    // The thread is still loading the engine when this one has interpreted the sources: it takes the bundle too.
    const cold = await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    expect(summary(cold)).toEqual(summary(here));
    expect(regexes).toEqual([]);
    // Loaded, the thread claims the bundle as soon as it is handed the parts.
    await workers.ready();
    const warm = await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    expect(summary(warm)).toEqual(summary(here));
    expect(regexes).toEqual(['^(\\d+\\.?)+$']);
  }, 30_000);

  it('runs the parts on the calling thread when the worker cannot start', async () => {
    workers = new AnalysisWorkers({ threads: 1, minThreadChars: 0, entry: new URL('file:///nonexistent/analysis-worker.js') });
    await workers.ready();
    const here = await analyze({ root: 'x', files: FILES }, OPTIONS);
    const split = await analyze({ root: 'x', files: FILES }, { ...OPTIONS, runParts: workers.run });
    expect(summary(split)).toEqual(summary(here));
    expect(summary(split)).toHaveLength(3);
  }, 30_000);
  it('keeps the process alive while ready() waits for the threads, so the code after it runs', async () => {
    // Idle threads do not hold the event loop; a program with nothing else to do must still resume after ready().
    const module = new URL('./analysis-workers.ts', import.meta.url).href;
    const stdout = await runModuleScript(
      `import { AnalysisWorkers } from ${JSON.stringify(module)};\n` +
        `const workers = new AnalysisWorkers({ threads: 1 });\n` +
        `await workers.ready();\n` +
        `console.log('ready');\n` +
        `await workers.close();\n` +
        `console.log('closed');\n`,
    );
    expect(stdout.split('\n')).toEqual(['ready', 'closed', '']);
  }, 30_000);
});

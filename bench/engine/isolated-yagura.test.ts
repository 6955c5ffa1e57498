import { afterEach, describe, expect, it } from 'vitest';

import { IsolatedYagura } from './isolated-yagura.js';
import type { PackageFiles } from './package-files.js';

const files: PackageFiles = {
  manifests: [{ path: 'package.json', text: '{"name":"tiny","main":"index.js"}' }],
  code: [{ path: 'index.js', text: "const { exec } = require('child_process');\nmodule.exports = (host) => exec('ping ' + host);\n" }],
  lines: 2,
};

describe('IsolatedYagura', () => {
  let runner: IsolatedYagura | undefined;
  afterEach(async () => {
    await runner?.close();
  });

  it('runs the real engine in a worker thread and returns its findings', async () => {
    runner = new IsolatedYagura('sources', { timeoutMillis: 60_000, maxHeapMb: 512 });
    const run = await runner.analyze('tiny', files);
    expect(run.problems.filter((p) => p.startsWith('ENGINE_'))).toEqual([]);
    expect(run.findings.some((f) => f.classes.includes('command-injection') && f.file === 'index.js' && f.line === 2)).toBe(true);
  });

  it('turns a package that exceeds its time limit into a failure without findings', async () => {
    runner = new IsolatedYagura('sources', { timeoutMillis: 1, maxHeapMb: 512 });
    const run = await runner.analyze('tiny', files);
    expect(run.findings).toEqual([]);
    expect(run.problems).toEqual(['ENGINE_TIMEOUT: over 1 ms']);
  });
});

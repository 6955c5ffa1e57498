import { describe, expect, it } from 'vitest';

import { classesOfEslintRule, createBenchLinter, runEslint } from './eslint-runner.js';

describe('classesOfEslintRule', () => {
  it('maps the plugin rules to benchmark classes', () => {
    expect(classesOfEslintRule('security/detect-child-process')).toEqual(['command-injection']);
    expect(classesOfEslintRule('security/detect-unsafe-regex')).toEqual(['redos']);
    expect(classesOfEslintRule('security/detect-new-buffer')).toEqual([]);
    expect(classesOfEslintRule(null)).toEqual([]);
  });
});

describe('runEslint', () => {
  it('reports eslint-plugin-security findings with their classes on in-memory files', () => {
    const text = "const cp = require('child_process');\nmodule.exports = (x) => cp.exec('ls ' + x);\nmodule.exports.e = (s) => eval(s);\n";
    const run = runEslint(createBenchLinter(), { code: [{ path: 'index.js', text }], manifests: [], lines: 3 });
    expect(run.problems).toEqual([]);
    expect(run.findings.some((f) => f.classes.includes('command-injection') && f.line === 2)).toBe(true);
    expect(run.findings.some((f) => f.classes.includes('code-injection') && f.line === 3)).toBe(true);
  });

  it('retries ES module syntax in a .js file as a module and records files that do not parse', () => {
    const run = runEslint(createBenchLinter(), {
      code: [
        { path: 'esm.js', text: "import fs from 'fs';\nexport const read = (p) => fs.readFileSync(p);\n" },
        { path: 'broken.js', text: 'function (' },
      ],
      manifests: [],
      lines: 3,
    });
    expect(run.findings.some((f) => f.file === 'esm.js' && f.classes.includes('path-traversal'))).toBe(true);
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/^PARSE_FAILED: broken\.js/);
  });
});

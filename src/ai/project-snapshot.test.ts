import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkProjectPath, PathRefusedError, ProjectSnapshot } from './project-snapshot.js';
import { createProjectTools } from './project-tools.js';
import { snapshotOf } from './test-support/ai-fixtures.js';

const EMPTY_ANALYSIS = {
  findings: [],
  diagnostics: [],
  threatModel: 'application' as const,
  threatModelReason: 'test',
  stats: { files: 0, lines: 0, functions: 0, flows: 0, parseMillis: 0, analyzeMillis: 0 },
};

const snapshot = new ProjectSnapshot(
  '/p',
  [
    { path: 'src/a.js', text: "const b = require('./b');\nfunction run(x) { return b.helper(x); }\nmodule.exports = { run };\n" },
    { path: 'src/b.js', text: 'function helper(v) { return v * 2; }\nmodule.exports = { helper };\n' },
  ],
  EMPTY_ANALYSIS,
  'application',
);

describe('project paths', () => {
  it('refuses absolute paths, .. segments, backslashes and NUL', () => {
    for (const bad of ['/etc/passwd', '../secrets', 'src/../../x', 'C:/x', 'src\\a.js', 'a\u0000b', '']) {
      expect(() => checkProjectPath(bad)).toThrow(PathRefusedError);
    }
    expect(checkProjectPath('./src//a.js')).toBe('src/a.js');
  });

  it('reads only files of the project copy', () => {
    expect(snapshot.read('src/a.js', 2, 2)).toBe('    2  function run(x) { return b.helper(x); }');
    expect(() => snapshot.read('src/missing.js')).toThrow('no such file in the project: src/missing.js');
    expect(snapshot.search('helper')).toEqual(['src/a.js:2: function run(x) { return b.helper(x); }', 'src/b.js:1: function helper(v) { return v * 2; }', 'src/b.js:2: module.exports = { helper };']);
  });

  it('answers engine questions: imports and callees', () => {
    expect(snapshot.imports('src/a.js')[0]).toMatch(/^\.\/b -> .*src\/b\.js/);
    expect(snapshot.callees('src/a.js', 'run')).toEqual(['helper (src/b.js:1)']);
    expect(snapshot.callers('src/b.js', 'helper')).toEqual(['run (src/a.js:2)']);
  });

  it('lists the known sinks of a library from the engine models', () => {
    const sinks = snapshot.knownModels('child_process').filter((l) => l.includes(' sink '));
    expect(sinks.some((l) => l.includes('child_process.exec') && l.includes('(command-injection)'))).toBe(true);
  });

  it('tools turn a refused path into an error instead of reading it', async () => {
    const read = createProjectTools(snapshot).find((t) => t.name === 'read_file');
    expect(() => read?.run({ path: '../../etc/passwd' })).toThrow('paths may not contain ".."');
    expect(await read?.run({ path: 'src/b.js', startLine: 1, endLine: 1 })).toBe('    1  function helper(v) { return v * 2; }');
  });

  it('never exposes a file reached through a symbolic link out of the project', async () => {
    const base = await mkdtemp(join(tmpdir(), 'yagura-snap-'));
    try {
      await mkdir(join(base, 'outside'));
      await writeFile(join(base, 'outside', 'secret.js'), 'module.exports = "outside secret";\n');
      await mkdir(join(base, 'project', 'src'), { recursive: true });
      await writeFile(join(base, 'project', 'src', 'app.js'), 'module.exports = 1;\n');
      await symlink(join(base, 'outside', 'secret.js'), join(base, 'project', 'src', 'linked.js'));
      await symlink(join(base, 'outside'), join(base, 'project', 'src', 'linked-dir'));
      const linked = await snapshotOf(join(base, 'project'));
      expect(linked.list()).toEqual(['src/app.js']);
      expect(() => linked.read('src/linked.js')).toThrow('no such file in the project: src/linked.js');
      expect(linked.search('outside secret')).toEqual([]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

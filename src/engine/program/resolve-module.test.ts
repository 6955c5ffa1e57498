import { describe, expect, it } from 'vitest';

import type { PackageInfo, ResolutionContext } from './resolve-module.js';
import { readPackageInfo, resolveModule } from './resolve-module.js';

function ctx(files: string[], pkgs: PackageInfo[] = []): ResolutionContext {
  return { files: new Set(files), packages: new Map(pkgs.map((p) => [p.dir, p])) };
}

describe('resolveModule', () => {
  it('probes extensions, index files and TS sources of .js imports', () => {
    const c = ctx(['src/a.ts', 'src/lib/index.js', 'src/b.js']);
    expect(resolveModule(c, 'src/b.js', './a.js')).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(resolveModule(c, 'src/b.js', './lib')).toEqual({ kind: 'file', path: 'src/lib/index.js' });
    expect(resolveModule(c, 'src/b.js', './nope')).toEqual({ kind: 'unresolved' });
  });

  it('treats node: and bare names as external modules', () => {
    const c = ctx(['a.js']);
    expect(resolveModule(c, 'a.js', 'node:child_process')).toEqual({ kind: 'external', module: 'child_process' });
    expect(resolveModule(c, 'a.js', 'lodash/merge')).toEqual({ kind: 'external', module: 'lodash/merge' });
  });

  it('follows package.json main and exports, and self-references by name', () => {
    const pkg = readPackageInfo({ path: 'package.json', text: '{"name":"me","exports":{".":{"require":"./lib/main.cjs"}}}' });
    expect(pkg?.exportTargets).toEqual(['./lib/main.cjs']);
    const c = ctx(['lib/main.cjs', 'x.js'], pkg ? [pkg] : []);
    expect(resolveModule(c, 'x.js', 'me')).toEqual({ kind: 'file', path: 'lib/main.cjs' });
    expect(resolveModule(c, 'x.js', '.')).toEqual({ kind: 'file', path: 'lib/main.cjs' });
  });

  it('keeps the module field apart: bundlers load it, require() resolves main', () => {
    const pkg = readPackageInfo({ path: 'package.json', text: '{"name":"me","main":"umd.js","module":"esm/index.js"}' });
    expect(pkg?.module).toBe('esm/index.js');
    const c = ctx(['umd.js', 'esm/index.js', 'x.js'], pkg ? [pkg] : []);
    expect(resolveModule(c, 'x.js', 'me')).toEqual({ kind: 'file', path: 'umd.js' });
  });

  it('lists code files named one by one in files as public modules, unless exports restricts them', () => {
    const open = readPackageInfo({ path: 'package.json', text: '{"name":"me","main":"index.js","files":["index.js","compiler.js","compiler.min.js","lib","dist/*.js","README.md"]}' });
    expect(open?.listedFiles).toEqual(['index.js', 'compiler.js']);
    const closed = readPackageInfo({ path: 'package.json', text: '{"name":"me","exports":"./index.js","files":["index.js","compiler.js"]}' });
    expect(closed?.listedFiles).toBeUndefined();
  });
});

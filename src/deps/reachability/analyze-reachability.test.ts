import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import type { SourceFile } from '../../core/index.js';
import { buildAdvisoryIndex } from '../advisory/advisory-index.js';
import { loadOsvDirectory } from '../advisory/load-osv.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import { parsePackageManifest } from '../lockfile/manifest.js';
import { parseLockfile } from '../lockfile/parse-lockfile.js';
import type { DependencyMatch } from '../match/match-dependencies.js';
import { matchDependencies } from '../match/match-dependencies.js';
import { analyzeReachability } from './analyze-reachability.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const read = (name: string): string => readFileSync(fixtures + name, 'utf8');
let graph: DependencyGraph;
let matches: DependencyMatch[];

beforeAll(async () => {
  graph = parseLockfile('package-lock.json', read('lockfiles/package-lock-v3.json'), parsePackageManifest(read('lockfiles/package.json')));
  matches = matchDependencies(graph, buildAdvisoryIndex((await loadOsvDirectory(`${fixtures}osv`)).records));
});

/** Verdicts as `package@version advisory status`, for the files given. */
function verdicts(files: SourceFile[]): string[] {
  const { verdicts: out } = analyzeReachability(files, matches, graph);
  return matches.map((m, i) => `${m.node.id} ${m.advisory.id} ${out[i]?.status ?? '?'}`);
}

describe('analyzeReachability', () => {
  it('marks lodash template reachable when _.template is called, with the import and call lines', () => {
    const files = [{ path: 'src/render.ts', text: "import _ from 'lodash';\n\nexport function render(t: string) {\n  return _.template(t)({});\n}\n" }];
    const { verdicts: out } = analyzeReachability(files, matches, graph);
    const i = matches.findIndex((m) => m.advisory.id === 'GHSA-35jh-r3h4-6jhm');
    expect(out[i]?.status).toBe('reachable');
    expect(out[i]?.evidence.map((s) => `${s.kind} ${s.location.file}:${s.location.startLine} ${s.message}`)).toEqual([
      'step src/render.ts:1 lodash is imported',
      'sink src/render.ts:4 lodash.template() is called',
    ]);
    // Same package, other advisory: zipObjectDeep/set are never called.
    expect(out[matches.findIndex((m) => m.advisory.id === 'GHSA-p6mc-m468-83gw')]?.status).toBe('unreachable');
  });

  it('marks both lodash advisories unreachable when only a safe function is used', () => {
    const files = [{ path: 'src/a.js', text: "const { chunk } = require('lodash');\nmodule.exports = (xs) => chunk(xs, 2);\n" }];
    expect(verdicts(files).filter((v) => v.startsWith('lodash'))).toEqual([
      'lodash@4.17.15 GHSA-35jh-r3h4-6jhm unreachable',
      'lodash@4.17.15 GHSA-p6mc-m468-83gw unreachable',
    ]);
  });

  it('follows per-method modules, destructured requires and constant dynamic imports', () => {
    const perMethod = [{ path: 'a.js', text: "const template = require('lodash/template');\ntemplate('<%= x %>');\n" }];
    const destructured = [{ path: 'b.js', text: "const { set } = require('lodash');\nset({}, 'a.b', 1);\n" }];
    const dynamic = [{ path: 'c.mjs', text: "const { template } = await import('lodash');\ntemplate('x');\n" }];
    expect(verdicts(perMethod)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm reachable');
    expect(verdicts(destructured)).toContain('lodash@4.17.15 GHSA-p6mc-m468-83gw reachable');
    expect(verdicts(destructured)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm unreachable');
    expect(verdicts(dynamic)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm reachable');
  });

  it('says unknown when the module object escapes (computed member, passed as a value)', () => {
    const computed = [{ path: 'a.ts', text: "import * as _ from 'lodash';\nexport const call = (name: string) => (_ as any)[name]();\n" }];
    const passed = [{ path: 'b.js', text: "const _ = require('lodash');\nuse(_);\n" }];
    expect(verdicts(computed)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm unknown');
    expect(verdicts(passed)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm unknown');
  });

  it('says unknown when a vulnerable export is read without a call, but ignores reads of other exports', () => {
    const aliased = [{ path: 'a.js', text: "const _ = require('lodash');\nconst t = _.template;\nt('x');\n" }];
    const other = [{ path: 'b.js', text: "const _ = require('lodash');\nmodule.exports = _.VERSION;\n" }];
    expect(verdicts(aliased)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm unknown');
    expect(verdicts(other)).toContain('lodash@4.17.15 GHSA-35jh-r3h4-6jhm unreachable');
  });

  it('marks minimist reachable when the module is called, but not the copy only mkdirp loads', () => {
    const files = [{ path: 'cli.js', text: "const parse = require('minimist');\nconst argv = parse(process.argv.slice(2));\n" }];
    expect(verdicts(files).filter((v) => v.startsWith('minimist'))).toEqual([
      'minimist@0.0.8 GHSA-vh95-rmgr-6w4m unreachable',
      'minimist@0.0.8 GHSA-xvch-5gv4-984h unreachable',
      'minimist@1.2.0 GHSA-vh95-rmgr-6w4m reachable',
      'minimist@1.2.0 GHSA-xvch-5gv4-984h reachable',
    ]);
  });

  it('says unknown for a transitive package whose direct dependency is imported', () => {
    const files = [{ path: 'build.js', text: "const mkdirp = require('mkdirp');\nmkdirp.sync('out');\n" }];
    expect(verdicts(files)).toContain('minimist@0.0.8 GHSA-vh95-rmgr-6w4m unknown');
  });

  it('says unknown when a file cannot be parsed and nothing else imports the package', () => {
    const { verdicts: out, diagnostics } = analyzeReachability([{ path: 'bad.js', text: 'const = ;' }], matches, graph);
    expect(out.every((v) => v.status === 'unknown')).toBe(true);
    expect(diagnostics[0]?.code).toBe('PARSE_FAILED');
  });

  it('says unknown for every match when no source files are given', () => {
    expect(analyzeReachability([], matches, graph).verdicts.every((v) => v.status === 'unknown')).toBe(true);
  });
});

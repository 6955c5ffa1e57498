import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSchemaValidator } from '../src/cli/output/test-support/schema-validator.js';
import { CliWorkspace } from '../src/cli/test-support/cli-harness.js';
import { openStore } from '../src/store/index.js';

const FIXTURES = join(import.meta.dirname, '../src/deps/fixtures');
const validateSarif = createSchemaValidator('sarif-schema-2.1.0.json');

interface JsonFinding {
  ruleId: string;
  origin: string;
  flow: { location: { file: string; startLine: number }; message: string }[];
  properties: { package: string; version: string; fixedIn: string | null; paths: string[][]; reachability: { status: string } };
}

function validateOpenVex(schemaText: string, doc: unknown): string {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const check = ajv.compile(JSON.parse(schemaText) as object);
  return check(doc) ? 'valid' : ajv.errorsText(check.errors);
}

let ws: CliWorkspace;
const names = ['lodash', 'minimist', 'mkdirp'];

beforeAll(async () => {
  ws = await CliWorkspace.create();
  // A real lockfile (lodash 4.17.15, minimist 1.2.0, dev mkdirp 0.5.1 -> minimist 0.0.8) and real advisories.
  await ws.write({
    'app/package.json': await readFile(join(FIXTURES, 'lockfiles/package.json'), 'utf8'),
    'app/package-lock.json': await readFile(join(FIXTURES, 'lockfiles/package-lock-v3.json'), 'utf8'),
    'app/src/cli.js': "const parse = require('minimist');\n\nmodule.exports = () => parse(process.argv.slice(2));\n",
  });
  await cp(join(FIXTURES, 'osv'), join(ws.dir, 'osv'), { recursive: true });
}, 60_000);
afterAll(async () => {
  await ws.dispose();
});

describe('dependency audit end to end', () => {
  it('notes that advisory data is missing before any import, and with --no-store', async () => {
    for (const args of [['scan', 'app', '--format', 'json', '--quiet'], ['scan', 'app', '--format', 'json', '--quiet', '--no-store']]) {
      const run = await ws.run(args);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; diagnostics: { code: string; file?: string; message: string }[] };
      expect(report.findings.filter((f) => f.origin === 'dependency')).toEqual([]);
      expect(report.diagnostics).toContainEqual({
        code: 'ANALYZER_UNAVAILABLE',
        file: 'package-lock.json',
        message: 'dependency audit skipped: no advisory data; run yagura db import',
      });
    }
  }, 120_000);

  it('imports an OSV directory twice: the second import adds and changes nothing', async () => {
    const first = await ws.run(['db', 'import', 'osv']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Imported 4 advisories \(OSV directory\) from osv into .*: 4 added, 0 updated, 0 unchanged, 0 skipped\n$/);
    const dataDir = join(ws.dir, '.yagura', 'db');
    const readRows = async () => {
      const store = await openStore({ dataDir });
      try {
        return { advisories: await store.loadAdvisories(names), status: await store.advisoryDataStatus() };
      } finally {
        await store.close();
      }
    };
    const before = await readRows();
    const second = await ws.run(['db', 'import', 'osv']);
    expect(second.stdout).toMatch(/: 0 added, 0 updated, 4 unchanged, 0 skipped\n$/);
    const after = await readRows();
    expect(after.advisories).toEqual(before.advisories);
    expect(after.advisories.map((a) => a.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw', 'GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    expect({ ...after.status, lastImports: [] }).toEqual({ ...before.status, lastImports: [] });

    const status = await ws.run(['db', 'status']);
    expect(status.stdout).toContain('advisories   4 (0 withdrawn) for 3 packages, newest modified 2023-02-27T14:47:14.000Z');
    expect(status.stdout).toMatch(/osv {3}2026-11-22T00:00:00.000Z {2}OSV directory {14}4 read: 0 added, 0 updated, 4 unchanged, 0 skipped/);
  }, 120_000);

  it('reports dependency findings with reachability: minimist reachable with its call path, lodash unreachable', async () => {
    const run = await ws.run(['scan', 'app', '--format', 'json', '--quiet']);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const deps = report.findings.filter((f) => f.origin === 'dependency');
    expect(deps.map((f) => `${f.ruleId} ${f.properties.package}@${f.properties.version} ${f.properties.reachability.status}`).sort()).toEqual([
      'GHSA-35jh-r3h4-6jhm lodash@4.17.15 unreachable',
      'GHSA-p6mc-m468-83gw lodash@4.17.15 unreachable',
      'GHSA-vh95-rmgr-6w4m minimist@0.0.8 unreachable',
      'GHSA-vh95-rmgr-6w4m minimist@1.2.0 reachable',
      'GHSA-xvch-5gv4-984h minimist@0.0.8 unreachable',
      'GHSA-xvch-5gv4-984h minimist@1.2.0 reachable',
    ]);
    const reachable = deps.find((f) => f.ruleId === 'GHSA-xvch-5gv4-984h' && f.properties.version === '1.2.0');
    expect(reachable?.properties.fixedIn).toBe('1.2.6');
    expect(reachable?.properties.paths).toEqual([['minimist@1.2.0']]);
    expect(reachable?.flow.map((s) => `${s.location.file}:${s.location.startLine} ${s.message}`)).toEqual([
      'package-lock.json:23 fixture-app depends on minimist@1.2.0, affected by GHSA-xvch-5gv4-984h',
      'src/cli.js:1 minimist is imported',
      'src/cli.js:3 minimist() is called',
    ]);
    const transitive = deps.find((f) => f.ruleId === 'GHSA-xvch-5gv4-984h' && f.properties.version === '0.0.8');
    expect(transitive?.properties.paths).toEqual([['mkdirp@0.5.1', 'minimist@0.0.8']]);
  }, 120_000);

  it('shows package, version, fixed-in, paths and reachability of dependency findings in the HTML report', async () => {
    const run = await ws.run(['scan', 'app', '--format', 'html', '--quiet']);
    const html = run.stdout;
    expect(html).toContain('minimist@1.2.0 is affected by GHSA-xvch-5gv4-984h: Prototype Pollution in minimist.');
    for (const key of ['package', 'version', 'fixedIn', 'paths', 'reachability']) expect(html).toContain(`<th>${key}</th>`);
    expect(html).toContain('&quot;1.2.6&quot;');
    expect(html).toContain('[[&quot;mkdirp@0.5.1&quot;,&quot;minimist@0.0.8&quot;]]');
    expect(html).toContain('&quot;status&quot;:&quot;unreachable&quot;');
    expect(html).toContain('&quot;status&quot;:&quot;reachable&quot;');
  }, 120_000);

  it('writes SARIF with one rule per advisory that validates against the SARIF 2.1.0 schema', async () => {
    const run = await ws.run(['scan', 'app', '--output', 'out.sarif', '--quiet']);
    expect(run.code).toBe(1);
    const log = JSON.parse(await readFile(join(ws.dir, 'out.sarif'), 'utf8')) as {
      runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; help: { text: string }; properties: Record<string, unknown> }[] } } }[];
    };
    expect(validateSarif(log)).toEqual([]);
    const rule = log.runs[0]?.tool.driver.rules.find((r) => r.id === 'GHSA-xvch-5gv4-984h');
    expect(rule?.shortDescription.text).toBe('Prototype Pollution in minimist');
    expect(rule?.properties).toMatchObject({ tags: ['security', 'external/cwe/cwe-1321', 'dependency'], 'security-severity': '9.8' });
    expect(rule?.help.text).toContain('Fix: Upgrade minimist to 1.2.6 or later.');
  }, 120_000);

  it('writes a CycloneDX 1.6 SBOM and an OpenVEX document that marks the unreachable advisory not_affected', async () => {
    const sbom = await ws.run(['sbom', 'app']);
    expect(sbom.code).toBe(0);
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(sbom.stdout)).toBeNull();
    const bom = JSON.parse(sbom.stdout) as { specVersion: string; components: { purl: string }[]; vulnerabilities?: unknown[] };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => c.purl)).toContain('pkg:npm/minimist@1.2.0');
    expect(bom.vulnerabilities ?? []).toEqual([]);

    const withVex = await ws.run(['sbom', 'app', '--vex', 'cyclonedx']);
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(withVex.stdout)).toBeNull();
    expect((JSON.parse(withVex.stdout) as { vulnerabilities: unknown[] }).vulnerabilities).toHaveLength(6);

    const vex = await ws.run(['sbom', 'app', '--vex', 'openvex', '--output', 'app.openvex.json']);
    expect(vex.code).toBe(0);
    const doc = JSON.parse(await readFile(join(ws.dir, 'app.openvex.json'), 'utf8')) as {
      statements: { vulnerability: { name: string }; products: { subcomponents: { '@id': string }[] }[]; status: string; justification?: string }[];
    };
    const schema = await readFile(join(import.meta.dirname, '../src/deps/schemas/openvex_json_schema.json'), 'utf8');
    expect(validateOpenVex(schema, doc)).toBe('valid');
    const lodash = doc.statements.find((s) => s.vulnerability.name === 'GHSA-35jh-r3h4-6jhm');
    expect(lodash).toMatchObject({ status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' });
    expect(lodash?.products[0]?.subcomponents[0]?.['@id']).toBe('pkg:npm/lodash@4.17.15');
    const minimist = doc.statements.find((s) => s.vulnerability.name === 'GHSA-xvch-5gv4-984h' && s.products[0]?.subcomponents[0]?.['@id'] === 'pkg:npm/minimist@1.2.0');
    expect(minimist?.status).toBe('affected');
  }, 120_000);
});

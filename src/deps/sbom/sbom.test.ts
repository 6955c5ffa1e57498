import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildAdvisoryIndex } from '../advisory/advisory-index.js';
import { loadOsvDirectory } from '../advisory/load-osv.js';
import type { DependencyAudit } from '../audit/audit-dependencies.js';
import { runDependencyAudit } from '../audit/audit-dependencies.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderOpenVex } from './openvex.js';
import { npmPurl } from './purl.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const read = (name: string): string => readFileSync(fixtures + name, 'utf8');
const openVexSchema = JSON.parse(readFileSync(fileURLToPath(new URL('../schemas/openvex_json_schema.json', import.meta.url)), 'utf8')) as object;
let audit: DependencyAudit;

beforeAll(async () => {
  audit = runDependencyAudit({
    lockfile: { path: 'package-lock.json', text: read('lockfiles/package-lock-v3.json') },
    manifest: read('lockfiles/package.json'),
    files: [{ path: 'src/render.js', text: "const _ = require('lodash');\nexports.render = (t) => _.template(t)({});\n" }],
    index: buildAdvisoryIndex((await loadOsvDirectory(`${fixtures}osv`)).records),
  });
});

interface CdxVulnerability {
  id: string;
  analysis?: { state?: string; justification?: string };
  affects: { ref: string }[];
  ratings: { score?: number; severity?: string }[];
  cwes?: number[];
}

describe('renderCycloneDx', () => {
  it('produces a CycloneDX 1.6 document that passes the strict JSON schema', async () => {
    const json = renderCycloneDx(audit, { timestamp: new Date('2026-01-01T00:00:00Z'), serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' });
    const error: unknown = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
    expect(error).toBeNull();
  });

  it('lists every package with its purl and the dependency graph', () => {
    const bom = JSON.parse(renderCycloneDx(audit)) as {
      specVersion: string;
      components: { purl: string; scope: string }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => `${c.purl} ${c.scope}`).sort()).toEqual([
      'pkg:npm/lodash@4.17.15 required',
      'pkg:npm/minimist@0.0.8 optional',
      'pkg:npm/minimist@1.2.0 required',
      'pkg:npm/mkdirp@0.5.1 optional',
    ]);
    expect(bom.dependencies.find((d) => d.ref === 'pkg:npm/mkdirp@0.5.1')?.dependsOn).toEqual(['pkg:npm/minimist@0.0.8']);
    expect(bom.dependencies.find((d) => d.ref === 'root')?.dependsOn).toEqual(['pkg:npm/lodash@4.17.15', 'pkg:npm/minimist@1.2.0', 'pkg:npm/mkdirp@0.5.1']);
  });

  it('states unreachable findings as not_affected / code_not_reachable and reachable ones as exploitable', () => {
    const bom = JSON.parse(renderCycloneDx(audit)) as { vulnerabilities: CdxVulnerability[] };
    const rows = bom.vulnerabilities.map((v) => `${v.id} ${v.affects[0]?.ref ?? ''} ${v.analysis?.state ?? ''} ${v.analysis?.justification ?? ''}`.trim());
    expect(rows.sort()).toEqual([
      'GHSA-35jh-r3h4-6jhm pkg:npm/lodash@4.17.15 exploitable',
      'GHSA-p6mc-m468-83gw pkg:npm/lodash@4.17.15 not_affected code_not_reachable',
      'GHSA-vh95-rmgr-6w4m pkg:npm/minimist@0.0.8 not_affected code_not_reachable',
      'GHSA-vh95-rmgr-6w4m pkg:npm/minimist@1.2.0 not_affected code_not_reachable',
      'GHSA-xvch-5gv4-984h pkg:npm/minimist@0.0.8 not_affected code_not_reachable',
      'GHSA-xvch-5gv4-984h pkg:npm/minimist@1.2.0 not_affected code_not_reachable',
    ]);
    const template = bom.vulnerabilities.find((v) => v.id === 'GHSA-35jh-r3h4-6jhm');
    expect(template?.ratings[0]).toMatchObject({ score: 7.2, severity: 'high' });
    expect(template?.cwes).toEqual([77, 94]);
  });
});

describe('renderOpenVex', () => {
  const validate = (doc: unknown): string => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const check = ajv.compile(openVexSchema);
    return check(doc) ? 'valid' : ajv.errorsText(check.errors);
  };

  it('produces a document that passes the vendored OpenVEX 0.2.0 schema', () => {
    const doc = renderOpenVex(audit, { author: 'Yagura test <test@example.org>', timestamp: '2026-01-01T00:00:00Z' });
    expect(validate(doc)).toBe('valid');
  });

  it('maps reachability to statuses, justifications and action statements', () => {
    const doc = renderOpenVex(audit, { author: 'a', timestamp: '2026-01-01T00:00:00Z' });
    const rows = doc?.statements.map((s) => [s.vulnerability.name, s.products[0]?.subcomponents[0]?.['@id'], s.status, s.justification ?? s.action_statement]);
    expect(rows).toContainEqual(['GHSA-35jh-r3h4-6jhm', 'pkg:npm/lodash@4.17.15', 'affected', 'Upgrade lodash to 4.17.21 or later. Every declared range already allows it, so refreshing the lockfile (`npm update lodash`) is enough.']);
    expect(rows).toContainEqual(['GHSA-p6mc-m468-83gw', 'pkg:npm/lodash@4.17.15', 'not_affected', 'vulnerable_code_not_in_execute_path']);
    expect(doc?.statements[0]?.products[0]?.['@id']).toBe('pkg:npm/fixture-app@1.0.0');
  });

  it('a document missing the action statement of an affected status fails the schema (the check bites)', () => {
    const doc = renderOpenVex(audit, { author: 'a', timestamp: '2026-01-01T00:00:00Z' });
    const broken = { ...doc, statements: doc?.statements.map((s) => ({ ...s, action_statement: undefined })) };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toMatch(/action_statement/);
  });

  it('renders nothing when there is nothing to state', () => {
    expect(renderOpenVex({ ...audit, matches: [], verdicts: [], findings: [] }, { author: 'a', timestamp: '2026-01-01T00:00:00Z' })).toBeUndefined();
  });
});

describe('npmPurl', () => {
  it('encodes scoped names', () => {
    expect(npmPurl('@babel/core', '7.1.0')).toBe('pkg:npm/%40babel/core@7.1.0');
  });
});

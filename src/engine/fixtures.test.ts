import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { SourceFile, TaintFlow } from '../core/index.js';
import { analyze } from './index.js';
import { createEveryFlowRule, TEST_MODELS } from './test-support/test-models.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((e) => statSync(join(dir, e)).isFile() && !e.endsWith('.snap'))
    .map((e) => e.split(sep).join('/'))
    .sort();
}

function fixtureDirs(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(join(FIXTURES, area)).sort()) out.push(join(area, name));
  }
  return out;
}

function formatFlow(flow: TaintFlow): string {
  const at = (l: { file: string; startLine: number; startColumn: number }): string => `${l.file}:${l.startLine}:${l.startColumn}`;
  const steps = flow.steps.map((s) => `    ${s.kind.padEnd(6)} ${at(s.location)} ${s.message}`).join('\n');
  const details = flow.details ? ` ${JSON.stringify(flow.details)}` : '';
  return `${flow.sinkKind} [${flow.confidence}] ${flow.source.label}: ${flow.source.description} -> ${flow.sink.description} in ${flow.sink.enclosing}${details}\n${steps}`;
}

describe('engine fixtures (one program per behaviour, flows snapshotted beside it)', () => {
  for (const dir of fixtureDirs()) {
    it(`finds the expected flows in ${dir.split(sep).join('/')}`, async () => {
      const root = join(FIXTURES, dir);
      const files: SourceFile[] = listFiles(root).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
      const flows: TaintFlow[] = [];
      const result = await analyze({ root: dir, files }, { rules: [createEveryFlowRule((f) => flows.push(f))], models: TEST_MODELS, threatModel: 'auto' });
      const text = [
        `threat model: ${result.threatModel} (${result.threatModelReason})`,
        `diagnostics: ${result.diagnostics.map((d) => `${d.code} ${d.file ?? ''} ${d.message}`).join('; ') || 'none'}`,
        ...flows.map(formatFlow),
        '',
      ].join('\n');
      await expect(text).toMatchFileSnapshot(join(root, 'flows.snap'));
      expect(relative(FIXTURES, root)).not.toBe('');
    });
  }
});

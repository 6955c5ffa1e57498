import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { ALL_RULES, getRule } from './index.js';

const RULES_DIR = dirname(fileURLToPath(import.meta.url));
const DOCS_DIR = join(RULES_DIR, '..', '..', 'docs', 'rules');

/** Rule files: `<category>/<id>.ts`, excluding tests and helpers. */
function ruleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'test-support') continue;
    for (const file of readdirSync(join(RULES_DIR, entry.name))) {
      const source = readFileSync(join(RULES_DIR, entry.name, file), 'utf8');
      const id = /createRule\(\{\s*id: '([a-z-]+)'/.exec(source)?.[1];
      if (id) files.set(id, join(entry.name, file));
    }
  }
  return files;
}

describe('rule registry', () => {
  const files = ruleFiles();

  it('has unique ids and finds each rule by id', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) expect(getRule(rule.id)).toBe(rule);
    expect(getRule('no-such-rule')).toBeUndefined();
  });

  it('registers every rule file', () => {
    expect([...files.keys()].sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it('lives in a file named after its id, with a test beside it', () => {
        const file = files.get(rule.id);
        expect(file?.endsWith(`/${rule.id}.ts`)).toBe(true);
        expect(existsSync(join(RULES_DIR, (file ?? '').replace(/\.ts$/, '.test.ts')))).toBe(true);
      });

      it('has a doc page with what, why, fix, examples and known false negatives', () => {
        const page = join(DOCS_DIR, `${rule.id}.md`);
        expect(existsSync(page)).toBe(true);
        const text = readFileSync(page, 'utf8');
        expect(text).toContain(`# ${rule.id}`);
        for (const section of ['## What it finds', '## Why it matters', '## How to fix', '## Examples', '## Known false negatives']) {
          expect(text).toContain(section);
        }
        for (const cwe of rule.meta.cwe) expect(text).toContain(cwe);
      });

      it('names a CWE and follows the description style', () => {
        expect(rule.meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of rule.meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(rule.meta.description).toMatch(/^(Detect|Disallow|Require) /);
        expect(rule.meta.description.endsWith('.')).toBe(false);
      });

      it('explains why and how to fix, and flow rules name their sink kinds', () => {
        expect(rule.meta.explanation.length).toBeGreaterThan(80);
        expect(rule.meta.fix.length).toBeGreaterThan(80);
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
        const listeners = rule.create({ file: 'x.js', threatModel: 'application', report: () => undefined });
        if (listeners.taintedSink) {
          expect(rule.meta.sinkKinds?.length).toBeGreaterThan(0);
          for (const message of Object.values(rule.meta.messages)) expect(message).toContain('{{source}}');
        } else {
          expect(typeof listeners.program).toBe('function');
        }
      });
    });
  }
});

import { describe, expect, it } from 'vitest';

import type { CorpusEntry } from './corpus.js';
import { linesPerSecond, scoreEntry, summarizeOutcomes, type ToolFinding } from './score.js';

const entry: CorpusEntry = {
  id: 'pkg-1.0.0',
  package: 'pkg',
  vulnerableVersion: '1.0.0',
  fixedVersion: '1.0.1',
  ruleId: 'command-injection',
  cwe: 'CWE-78',
  advisory: 'CVE-2020-0001',
  sink: { file: 'lib/run.js', line: 20 },
  threatModel: 'library',
};

function finding(file: string, line: number, cls: ToolFinding['classes'] = ['command-injection']): ToolFinding {
  return { file, line, classes: cls, ruleId: cls[0] ?? 'other', message: '' };
}

describe('scoreEntry', () => {
  it('counts a finding of the right class within five lines of the sink as detected', () => {
    const outcome = scoreEntry(entry, [finding('lib/run.js', 25)], []);
    expect(outcome.detected).toBe(true);
    expect(outcome.discriminated).toBe(true);
    expect(outcome.matched).toHaveLength(1);
  });

  it('does not count a finding six lines away, in another file, or of another class', () => {
    const outcome = scoreEntry(entry, [finding('lib/run.js', 26), finding('lib/other.js', 20), finding('lib/run.js', 20, ['code-injection'])], []);
    expect(outcome.detected).toBe(false);
    expect(outcome.sameFileOthers.map((f) => f.line)).toEqual([26]);
  });

  it('reports a false alarm for a finding of the class anywhere in the same file of the fixed version', () => {
    const outcome = scoreEntry(entry, [finding('lib/run.js', 20)], [finding('lib/run.js', 80), finding('lib/else.js', 20)]);
    expect(outcome.detected).toBe(true);
    expect(outcome.falseAlarm).toBe(true);
    expect(outcome.discriminated).toBe(false);
    expect(outcome.falseAlarms.map((f) => f.line)).toEqual([80]);
  });

  it('looks for false alarms in fixedSinkFile when the fix moved the code', () => {
    const moved: CorpusEntry = { ...entry, fixedSinkFile: 'build/run.js' };
    expect(scoreEntry(moved, [], [finding('lib/run.js', 20)]).falseAlarm).toBe(false);
    expect(scoreEntry(moved, [], [finding('build/run.js', 3)]).falseAlarm).toBe(true);
  });

  it('treats ./-prefixed paths like plain relative paths', () => {
    expect(scoreEntry(entry, [finding('./lib/run.js', 19)], []).detected).toBe(true);
  });
});

describe('summarizeOutcomes', () => {
  it('computes per-class and overall rates', () => {
    const redos: CorpusEntry = { ...entry, id: 'r', ruleId: 'redos', cwe: 'CWE-1333' };
    const outcomes = [
      scoreEntry(entry, [finding('lib/run.js', 20)], []),
      scoreEntry({ ...entry, id: 'b' }, [finding('lib/run.js', 20)], [finding('lib/run.js', 20)]),
      scoreEntry(redos, [], []),
    ];
    const { perClass, overall } = summarizeOutcomes(outcomes);
    expect(perClass.map((s) => s.cls)).toEqual(['command-injection', 'redos']);
    expect(perClass[0]).toMatchObject({ total: 2, detected: 2, falseAlarms: 1, discriminated: 1, discriminatedRate: 0.5 });
    expect(overall).toMatchObject({ total: 3, detected: 2, discriminated: 1 });
    expect(overall.falseAlarmRate).toBeCloseTo(1 / 3);
  });

  it('gives zero rates for an empty corpus', () => {
    expect(summarizeOutcomes([]).overall).toMatchObject({ total: 0, detectedRate: 0, discriminatedRate: 0 });
  });
});

describe('linesPerSecond', () => {
  it('divides lines by seconds and guards against zero time', () => {
    expect(linesPerSecond(5000, 500)).toBe(10_000);
    expect(linesPerSecond(10, 0)).toBe(0);
  });
});

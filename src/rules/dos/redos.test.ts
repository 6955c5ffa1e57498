import { describe, expect, it } from 'vitest';

import { analyze } from '../../engine/index.js';
import { ALL_MODELS } from '../../models/index.js';
import { runRule, runRuleTests } from '../test-support/rule-tester.js';
import { createRedosRule, redos } from './redos.js';
import type { AutomatonCheck } from './regex-complexity.js';
import { ConcurrentRegexComplexityCache, RegexComplexityCache, analyzeRegexComplexity, hasNestedLoop, runRecheck } from './regex-complexity.js';

runRuleTests(redos, {
  valid: [
    {
      name: 'linear pattern on input',
      code: `const app = require('express')();\napp.get('/', (req, res) => { res.json(/^[a-z0-9_]+$/i.test(req.query.name)); });`,
    },
    {
      name: 'input length bounded before a polynomial pattern',
      threatModel: 'library',
      code: `module.exports = function parse(str) {
  if (str.length > 100) return;
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str);
};`,
    },
    {
      name: 'lines joined by splitting and trimming instead of a whitespace regex',
      threatModel: 'library',
      code: `module.exports = function oneLine(text) {
  return text.split('\\n').map((line) => line.trim()).join(' ');
};`,
    },
    {
      name: 'whitespace regex on input bounded by a length check',
      threatModel: 'library',
      code: `module.exports = function oneLine(text) {
  if (text.length > 1000) throw new Error('too long');
  return text.replace(/\\s*\\n\\s*/g, ' ');
};`,
    },
    {
      name: 'linear pattern returned by an exported function',
      threatModel: 'library',
      code: `module.exports = function wordsRegex() {
  return new RegExp(['^\\\\w+(?: \\\\w+)*', '$'].join(''));
};`,
    },
    {
      name: 'table of linear patterns tried in turn on the input',
      threatModel: 'library',
      code: `const TABLE = { os: [[/(windows) nt ([\\d.]+)/i, /(mac os x) ([\\d_]+)/i], ['name', 'version'], [/(linux)/i], ['name']] };
const mapper = {
  rgx: function (ua, arrays) {
    let i = 0, matches;
    while (i < arrays.length && !matches) {
      const regexes = arrays[i], props = arrays[i + 1];
      let j = 0;
      while (j < regexes.length && !matches) matches = regexes[j++].exec(ua);
      if (matches) for (let p = 0; p < props.length; p++) this[props[p]] = matches[p + 1];
      i += 2;
    }
  },
};
module.exports = function parse(ua) {
  const os = {};
  mapper.rgx.call(os, ua, TABLE.os);
  return os;
};`,
    },
    {
      name: 'vulnerable regex neither exported nor applied to input',
      threatModel: 'library',
      code: `const WORDS = /^(\\w+\\s?)*$/;
module.exports = function count() {
  return WORDS.test('a few words') ? 3 : 0;
};`,
    },
    {
      name: 'polynomial pattern matched only inside a length check',
      threatModel: 'library',
      code: `module.exports = function isPair(s) {
  if (typeof s === 'string' && s.length <= 256) return /^\\s*a*\\s*,\\s*$/.test(s);
  return false;
};`,
    },
    {
      name: 'field of an options object bounded by a length check that throws',
      threatModel: 'library',
      code: `module.exports = function parse(opts) {
  const max = 256;
  if (typeof opts.value !== 'string' || opts.value.length > max) throw new TypeError('bad value');
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(opts.value);
};`,
    },
    {
      name: 'input bounded by a module-level constant',
      threatModel: 'library',
      code: `const MAX_LENGTH = 100;
module.exports = function parse(str) {
  if (str.length > MAX_LENGTH) return null;
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str);
};`,
    },
    {
      name: 'input truncated to a constant length before a polynomial pattern',
      threatModel: 'library',
      code: `module.exports = function parse(str) {
  const head = str.slice(0, 100);
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(head);
};`,
    },
    {
      name: 'input truncated to a named constant length before a polynomial pattern',
      threatModel: 'library',
      code: `const MAX_LENGTH = 100;
module.exports = function parse(str) {
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str.substring(0, MAX_LENGTH));
};`,
    },
    {
      name: 'long strings capped by a helper told the length, objects and arrays turned away first',
      threatModel: 'library',
      code: `var MAX = 350, STR_TYPE = 'string', OBJ_TYPE = 'object';
var trim = function (str, len) {
  if (typeof str === STR_TYPE) {
    str = str.replace(/^\\s\\s*/, '');
    return typeof len === 'undefined' ? str : str.substring(0, MAX);
  }
};
module.exports = function parse(ua) {
  if (typeof ua === OBJ_TYPE) ua = undefined;
  var s = typeof ua === STR_TYPE && ua.length > MAX ? trim(ua, MAX) : ua;
  return /droid ([\\w\\.]+)\\b.+(android[- ]x86|harmonyos)/i.exec(s);
};`,
    },
    {
      name: 'vulnerable pattern on a constant',
      code: `const ok = /^(a+)+$/.test('aaaa');\nmodule.exports = { ok };`,
    },
  ],
  invalid: [
    {
      name: 'trailing whitespace loop searched from every position',
      threatModel: 'library',
      code: `module.exports = function trim(str) {
  return str.replace(/^\\s*|\\s*$/g, '');
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 2, column: 10 }],
    },
    {
      name: 'unbounded input before a polynomial pattern',
      threatModel: 'library',
      code: `module.exports = function parse(str) {
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 2, column: 10 }],
    },
    {
      name: 'whitespace around a newline searched from every position (a run of spaces without newline)',
      threatModel: 'library',
      code: `const util = require('util');
exports = module.exports = { formatters: {} };
exports.formatters.o = function (v) {
  return util.inspect(v).replace(/\\s*\\n\\s*/g, ' ');
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 4, column: 10 }],
    },
    {
      name: 'vulnerable regex built from joined parts and returned by an exported function',
      threatModel: 'library',
      code: `module.exports = ({ onlyFirst = false } = {}) => {
  const pattern = ['^(\\\\w+\\\\s?)*', '$'].join('');
  return new RegExp(pattern, onlyFirst ? undefined : 'g');
};`,
      errors: [{ messageId: 'exposedExponential', line: 3, column: 10 }],
    },
    {
      name: 'vulnerable regex exported as a constant',
      threatModel: 'library',
      code: `exports.COMMA_LIST = /^\\s*a*\\s*,\\s*$/;`,
      errors: [{ messageId: 'exposedPolynomial', line: 1, column: 22 }],
    },
    {
      name: 'exponential pattern behind a length check (a few dozen characters suffice)',
      threatModel: 'library',
      code: `module.exports = function isTitle(s) {
  if (s.length > 1000) return false;
  return /^(\\w+\\s?)*$/.test(s);
};`,
      errors: [{ messageId: 'exponentialBacktracking', line: 3, column: 10 }],
    },
    {
      name: 'input cut from a position, not to a length (slice with one bound)',
      threatModel: 'library',
      code: `module.exports = function parse(str) {
  const tail = str.slice(1);
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(tail);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 3, column: 10 }],
    },
    {
      name: 'input truncated to a length the caller passes, or to a negative constant',
      threatModel: 'library',
      code: `const CUT = -1;
exports.head = (str, limit) => /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str.slice(0, limit));
exports.most = (str) => /^(\\d+)?\\.?\\d+ *m$/i.exec(str.slice(0, CUT));`,
      // head: once for the string, once for the limit (string methods pass their arguments' taint on).
      errors: [
        { messageId: 'polynomialBacktracking', line: 2, column: 32 },
        { messageId: 'polynomialBacktracking', line: 2, column: 32 },
        { messageId: 'polynomialBacktracking', line: 3, column: 25 },
      ],
    },
    {
      name: 'one branch cut short, the other passed whole',
      threatModel: 'library',
      code: `exports.parse = function (ua, short) {
  var s = short ? ua.slice(0, 100) : ua;
  return /droid ([\\w\\.]+)\\b.+(android[- ]x86|harmonyos)/i.exec(s);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 3, column: 10 }],
    },
    {
      name: 'long strings capped, but an array (not a string) passes whole, and a helper not told the length cuts nothing',
      threatModel: 'library',
      code: `var MAX = 350, STR_TYPE = 'string', OBJ_TYPE = 'object';
var trim = function (str, len) {
  if (typeof str === STR_TYPE) {
    str = str.replace(/^\\s\\s*/, '');
    return typeof len === 'undefined' ? str : str.substring(0, MAX);
  }
};
exports.arrays = function (ua) {
  var s = typeof ua === STR_TYPE && ua.length > MAX ? trim(ua, MAX) : ua;
  return /droid ([\\w\\.]+)\\b.+(android[- ]x86|harmonyos)/i.exec(s);
};
exports.untold = function (ua) {
  if (typeof ua === OBJ_TYPE) ua = undefined;
  var s = typeof ua === STR_TYPE && ua.length > MAX ? trim(ua) : ua;
  return /droid ([\\w\\.]+)\\b.+(android[- ]x86|harmonyos)/i.exec(s);
};`,
      errors: [
        { messageId: 'polynomialBacktracking', line: 10, column: 10 },
        { messageId: 'polynomialBacktracking', line: 15, column: 10 },
      ],
    },
    {
      name: 'length compared with another input, not a constant',
      threatModel: 'library',
      code: `module.exports = function parse(str, limit) {
  if (str.length > limit) return null;
  return /^((?:\\d+)?\\.?\\d+) *(ms|s)?$/i.exec(str);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 3, column: 10 }],
    },
    {
      name: 'exponential pattern tested on a query parameter',
      code: `const app = require('express')();
app.get('/', (req, res) => {
  res.json(/^(\\w+\\s?)*$/.test(req.query.title));
});`,
      errors: [{ messageId: 'exponentialBacktracking', line: 3, column: 12 }],
    },
    {
      name: 'one pattern of a table tried in turn on the input (fn.call), reported where it is written',
      threatModel: 'library',
      code: `const TABLE = {
  device: [[/(pixel) (\\d)/i, /android.+(redmi[\\s_]*[\\w\\s]+)\\s+build/i], ['model'], [/(ipad)/i], ['model']],
};
const mapper = {
  rgx: function (ua, arrays) {
    let i = 0, matches;
    while (i < arrays.length && !matches) {
      const regexes = arrays[i], props = arrays[i + 1];
      let j = 0;
      while (j < regexes.length && !matches) matches = regexes[j++].exec(ua);
      if (matches) for (let p = 0; p < props.length; p++) this[props[p]] = matches[p + 1];
      i += 2;
    }
  },
};
module.exports = function parse(ua) {
  const device = {};
  mapper.rgx.call(device, ua, TABLE.device);
  return device;
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 2, column: 30 }],
    },
    {
      name: 'patterns of a table applied through fn.apply',
      threatModel: 'library',
      code: `const PATTERNS = [/^\\d+$/, /^\\s*a*\\s*,\\s*$/];
function firstMatch(input, list) {
  for (let i = 0; i < list.length; i++) if (list[i].test(input)) return i;
  return -1;
}
module.exports = function classify(s) {
  return firstMatch.apply(null, [s, PATTERNS]);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 1, column: 28 }],
    },
    {
      name: 'polynomial pattern in an exported function',
      threatModel: 'library',
      code: `module.exports = function isPair(s) {
  return /^\\s*a*\\s*,\\s*$/.test(s);
};`,
      errors: [{ messageId: 'polynomialBacktracking', line: 2, column: 10 }],
    },
  ],
});

describe('analyzeRegexComplexity', () => {
  it('finds exponential backtracking in nested quantifiers with an attack string', () => {
    const verdict = analyzeRegexComplexity('^(a+)+$', '');
    expect(verdict.status).toBe('vulnerable');
    if (verdict.status !== 'vulnerable') return;
    expect(verdict.complexity).toBe('exponential');
    expect(verdict.attackString).toMatch(/^a{10,}/);
    expect(verdict.attackPattern).toContain("'a'.repeat(");
  });

  it('finds polynomial backtracking in adjacent overlapping quantifiers', () => {
    const verdict = analyzeRegexComplexity('^\\s*a*\\s*,\\s*$', '');
    expect(verdict).toMatchObject({ status: 'vulnerable', complexity: 'polynomial', degree: 2 });
  });

  it('reports a linear pattern as safe', () => {
    expect(analyzeRegexComplexity('^[a-z0-9]+$', 'i')).toEqual({ status: 'safe' });
  });

  it('gives up with unknown instead of hanging on a pathological pattern', () => {
    const verdict = analyzeRegexComplexity('(a|a?)+b(c+)+d(e|ee)*f'.repeat(12), '');
    expect(['unknown', 'vulnerable']).toContain(verdict.status);
  });

  it('caches verdicts per pattern and flags', () => {
    const cache = new RegexComplexityCache(1);
    const first = cache.analyze('^(a+)+$', '');
    expect(cache.analyze('^(a+)+$', '')).toBe(first);
    cache.analyze('^b$', '');
    expect(cache.analyze('^(a+)+$', '')).not.toBe(first);
  });
});

describe('ConcurrentRegexComplexityCache', () => {
  it('gives the verdicts of the synchronous analysis, running the automaton once per pattern through its check', async () => {
    const checked: string[] = [];
    const check: AutomatonCheck = (pattern, flags, params) => {
      checked.push(pattern);
      return Promise.resolve(runRecheck(pattern, flags, params));
    };
    const cache = new ConcurrentRegexComplexityCache({ check });
    cache.prefetch('^(a+)+$', '');
    expect(await cache.analyze('^(a+)+$', '')).toEqual(analyzeRegexComplexity('^(a+)+$', ''));
    expect(await cache.analyze('^[a-z0-9]+$', 'i')).toEqual({ status: 'safe' });
    expect(checked).toEqual(['^(a+)+$']);
  });
});

describe('redos rule with verdicts from another thread', () => {
  async function findingsWith(code: string): Promise<{ readonly lines: number[]; readonly prefetched: string[] }> {
    const prefetched: string[] = [];
    const cache = new ConcurrentRegexComplexityCache({ check: (pattern, flags, params) => Promise.resolve(runRecheck(pattern, flags, params)) });
    const result = await analyze(
      { root: 'x', files: [{ path: 'index.js', text: code }] },
      {
        rules: [createRedosRule(cache)],
        models: ALL_MODELS,
        threatModel: 'library',
        onTaintedRegex: (pattern, flags) => {
          prefetched.push(pattern);
          cache.prefetch(pattern, flags);
        },
      },
    );
    return { lines: result.findings.map((f) => f.location.startLine), prefetched };
  }

  it('reports a backtracking pattern whose check started during the interpretation', async () => {
    const { lines, prefetched } = await findingsWith('exports.parse = (s) => {\n  return /^(a+)+$/.test(s);\n};');
    expect(prefetched).toContain('^(a+)+$');
    expect(lines).toEqual([2]);
  });

  it('reports nothing for a linear pattern on the same input', async () => {
    const { lines } = await findingsWith('exports.parse = (s) => {\n  return /^[a-z]+$/.test(s);\n};');
    expect(lines).toEqual([]);
  });
});

describe('hasNestedLoop', () => {
  it('finds a loop inside a repeated part, the shape of exponential backtracking', () => {
    expect(hasNestedLoop('^(a+)+$', '')).toBe(true);
    expect(hasNestedLoop('^(\\w+\\s?)*$', '')).toBe(true);
    expect(hasNestedLoop('(?:x(?:b+)){2,}', '')).toBe(true);
  });

  it('leaves flat loops and repeated parts without loops alone', () => {
    expect(hasNestedLoop('android.+(redmi[\\s_]*[\\w\\s]+)\\s+build', 'i')).toBe(false);
    expect(hasNestedLoop('(windows\\sphone(?:\\sos)*)', 'i')).toBe(false);
  });
});

describe('table effort', () => {
  it('finds overlap shapes and nested loops without the full automaton run', () => {
    expect(analyzeRegexComplexity('android.+(redmi[\\s_]*[\\w\\s]+)\\s+build', 'i', 'table')).toMatchObject({ status: 'vulnerable', checker: 'overlap' });
    expect(analyzeRegexComplexity('^(a+)+$', '', 'table')).toMatchObject({ status: 'vulnerable', complexity: 'exponential' });
    expect(analyzeRegexComplexity('^[a-z]+$', '', 'table')).toEqual({ status: 'safe' });
  });

  it('never lets a table verdict stand in for a full one', () => {
    const cache = new RegexComplexityCache();
    const pattern = '(opera).+version\\/([\\w.]+)';
    const table = cache.analyze(pattern, 'i', 'table');
    expect(cache.analyze(pattern, 'i', 'table')).toBe(table);
    const full = cache.analyze(pattern, 'i');
    expect(cache.analyze(pattern, 'i', 'table')).toBe(full);
  });
});

describe('redos findings', () => {
  it('carry the attack string and complexity for the proof stage', async () => {
    const result = await runRule(redos, {
      code: `const app = require('express')();\napp.get('/', (req, res) => { res.json(/^(a+)+$/.test(req.query.q)); });`,
    });
    const finding = result.findings.find((f) => f.ruleId === 'redos');
    expect(finding?.severity).toBe('high');
    expect(finding?.properties).toMatchObject({ pattern: '^(a+)+$', complexity: 'exponential' });
    expect(typeof finding?.properties?.attackString).toBe('string');
  });
});

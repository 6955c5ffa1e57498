import type { LibraryModel, SinkKind } from '../core/index.js';

const NOT_RANDOMNESS: SinkKind[] = [
  'command-injection', 'code-injection', 'path-traversal', 'sql-injection', 'xss', 'ssrf', 'open-redirect',
  'unsafe-deserialization', 'regex-injection', 'redos', 'prototype-pollution', 'weak-crypto',
];

/**
 * What the engine knows without library models, written as a model so it follows the same rules.
 * Numeric coercions clean every kind except `insecure-randomness` (a number from `Math.random` stays
 * guessable). `encodeURIComponent` escapes `/ ; | & $ < > "` and spaces, so its result is clean for
 * command injection, XSS, SSRF and open redirect; it keeps `.` and `'`, so it is NOT clean for path
 * traversal (`..`), SQL or code injection.
 */
export const BUILTIN_MODELS: readonly LibraryModel[] = [
  {
    id: 'engine-builtins',
    description: 'JavaScript globals known to the engine',
    sources: [{ root: { global: 'Math' }, path: 'Member[random].ReturnValue', label: 'insecure-random', description: 'Math.random()' }],
    sinks: [
      { root: { global: 'eval' }, path: 'Argument[0]', kind: 'code-injection', description: 'eval()' },
      { root: { global: 'Function' }, path: 'Argument[0..]', kind: 'code-injection', description: 'Function()' },
      { root: { global: 'RegExp' }, path: 'Argument[0]', kind: 'regex-injection', description: 'RegExp()' },
    ],
    sanitizers: [
      ...['Number', 'parseInt', 'parseFloat', 'Boolean'].map((g) => ({
        root: { global: g },
        path: 'ReturnValue',
        kinds: NOT_RANDOMNESS,
        description: `${g}()`,
      })),
      ...['parseInt', 'parseFloat'].map((m) => ({ root: { global: 'Number' }, path: `Member[${m}].ReturnValue`, kinds: NOT_RANDOMNESS, description: `Number.${m}()` })),
      {
        root: { global: 'encodeURIComponent' },
        path: 'ReturnValue',
        kinds: ['command-injection', 'xss', 'ssrf', 'open-redirect'],
        description: 'encodeURIComponent()',
      },
    ],
  },
];

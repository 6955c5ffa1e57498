import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

import { LockfileError } from '../../core/index.js';

/** A top-level mapping of a YAML lockfile with the 1-based line of each key. */
export interface YamlLockDocument {
  readonly value: Record<string, unknown>;
  readonly keyLines: ReadonlyMap<string, number>;
  /** Lines of the keys of a nested mapping, e.g. `packages`. */
  nestedKeyLines(key: string): ReadonlyMap<string, number>;
}

/** Parse a YAML lockfile; syntax errors become {@link LockfileError} with the line. */
export function parseYamlLockDocument(file: string, text: string): YamlLockDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) throw new LockfileError(file, error.linePos?.[0].line, error.message.split('\n')[0] ?? 'YAML syntax error', { cause: error });
  const value: unknown = doc.toJS({ maxAliasCount: -1 });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LockfileError(file, 1, 'expected a YAML mapping at the top level');
  }
  const linesOf = (node: unknown): Map<string, number> => {
    const out = new Map<string, number>();
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.range) out.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    }
    return out;
  };
  return {
    value: value as Record<string, unknown>,
    keyLines: linesOf(doc.contents),
    nestedKeyLines: (key) => linesOf(isMap(doc.contents) ? doc.contents.get(key, true) : undefined),
  };
}

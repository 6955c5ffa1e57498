import type { Taint, Value } from './value.js';
import { ENTRY_PARAMETER_KEY, kindBit, PATH_APPENDED, PATH_ROOTED } from './value.js';

/**
 * Where a value sits in a file path. Under the library threat model the caller names directories and files
 * (`extract(cwd)`, `readFile(file)`); that is the API, not a traversal. Traversal is data appended *below* a
 * base (`join(root, entry.name)`, `dir + '/' + name`) climbing out of it, so a library-input taint reaches a
 * path sink only once it was appended. `join('/', x)` normalises x as an absolute path: appended below a base
 * it cannot climb above that base any more.
 */
const PATH_MODULES = new Set(['m:path', 'm:node:path', 'm:path/posix', 'm:path/win32']);
const PT = kindBit('path-traversal');

function mark(v: Value, bits: number): Value {
  if (v.taints.length === 0) return v;
  return { ...v, taints: v.taints.map((t) => ({ ...t, clean: t.clean | bits })) };
}

/** `a + b`, `${a}/${b}`: the part after a non-empty prefix is appended. */
export function appendedPart(v: Value, prefix: Value | string): Value {
  const empty = typeof prefix === 'string' ? prefix === '' : prefix.str === '';
  return empty ? v : mark(v, PATH_APPENDED);
}

/** The path-joining call a library reference names (`path.join`, `path.posix.resolve`), if any. */
function pathFunction(root: string, tokens: readonly string[]): string | undefined {
  if (!PATH_MODULES.has(root)) return undefined;
  const names = tokens.map((t) => (t.startsWith('Member:') ? t.slice(7) : t));
  return names.length === 1 ? names[0] : names.length === 2 && (names[0] === 'posix' || names[0] === 'win32') ? names[1] : undefined;
}

function pathCall(root: string, tokens: readonly string[]): 'join' | 'resolve' | undefined {
  const name = pathFunction(root, tokens);
  return name === 'join' || name === 'resolve' ? name : undefined;
}

/**
 * Which arguments a path computed by this call stands for, for guards on the result: the parts appended by
 * `join`/`resolve` (index 1 on), the target of `relative(root, target)` (inside root when the result has no `..`).
 */
export function derivedPathArgs(root: string, tokens: readonly string[]): 'appended' | 'target' | undefined {
  const name = pathFunction(root, tokens);
  if (name === 'join' || name === 'resolve') return 'appended';
  return name === 'relative' ? 'target' : undefined;
}

/**
 * Arguments of `path.join(base, ...parts)` / `path.resolve(base, ...parts)` with their path state: parts are
 * appended; a rooted part joined below a base is confined to it (resolve would restart at it); the parts of
 * `join('/', ...)` are rooted.
 */
export function pathCallArgs(root: string, tokens: readonly string[], args: readonly Value[]): readonly Value[] {
  const kind = pathCall(root, tokens);
  if (!kind) return args;
  // `join('/', x)` is x made absolute: the caller's path still, but it can no longer climb (resolve would let it).
  const rootedJoin = kind === 'join' && (args[0]?.str === '/' || args[0]?.str === '\\');
  return args.map((a, i) => {
    if (i === 0) return a;
    if (rootedJoin) return mark(a, PATH_ROOTED);
    const confined = kind === 'join' ? { ...a, taints: a.taints.map((t): Taint => ((t.clean & PATH_ROOTED) !== 0 ? { ...t, clean: t.clean | PT } : t)) } : a;
    return mark(confined, PATH_APPENDED);
  });
}

/** A path an entry point's caller passed whole (or as the base): not a traversal of this library. */
export function isCallerChosenPath(t: Taint): boolean {
  return t.origin.kind === 'source' && t.origin.key.startsWith(ENTRY_PARAMETER_KEY) && (t.clean & PATH_APPENDED) === 0;
}

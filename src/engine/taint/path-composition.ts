import type { RegexValue } from './regex-values.js';
import type { ParamOrigin, SourceOrigin, Taint, Value } from './value.js';
import { ENTRY_PARAMETER_KEY, kindBit, PATH_APPENDED, PATH_FROM_URL, PATH_ROOTED, taintWith, withClean, withTaints } from './value.js';

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
  return withTaints(v, v.taints.map((t) => withClean(t, t.clean | bits)));
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
 * The base a path starts at, when the caller chose it: an entry-point parameter or an argument of the function
 * (not `this`, state an earlier call configured), itself not appended below another base.
 */
export function callerBaseOf(base: Value): SourceOrigin | ParamOrigin | undefined {
  for (const t of base.taints) {
    if ((t.clean & PATH_APPENDED) !== 0) continue;
    const o = t.origin;
    if (o.kind === 'param' ? o.index >= 0 : o.key.startsWith(ENTRY_PARAMETER_KEY)) return o;
  }
  return undefined;
}

/** Parts appended below `base`; a part keeps the base it was first appended below. */
function appendBelow(v: Value, base: Value): Value {
  if (v.taints.length === 0) return v;
  const below = callerBaseOf(base);
  return withTaints(
    v,
    v.taints.map((t): Taint => ((t.clean & PATH_APPENDED) !== 0 ? t : below ? taintWith(t, { clean: t.clean | PATH_APPENDED, below }) : withClean(t, t.clean | PATH_APPENDED))),
  );
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
  const base = args[0];
  return args.map((a, i) => {
    if (i === 0 || !base) return a;
    if (rootedJoin) return mark(a, PATH_ROOTED);
    const confined = kind === 'join' ? withTaints(a, a.taints.map((t): Taint => ((t.clean & PATH_ROOTED) !== 0 ? withClean(t, t.clean | PT) : t))) : a;
    return appendBelow(confined, base);
  });
}

const URL_DECODERS = new Set(['g:decodeURIComponent', 'g:decodeURI']);

/** Arguments of `decodeURIComponent(x)` / `decodeURI(x)`: text that travelled in a URL (a request path). */
export function urlDecoderArgs(root: string, tokens: readonly string[], args: readonly Value[]): readonly Value[] {
  return tokens.length === 0 && URL_DECODERS.has(root) ? args.map((a) => mark(a, PATH_FROM_URL)) : args;
}

/** The entry-point function of an entry-parameter key (`lib:<fn>:<position>`). */
function entryFunctionOf(key: string): string {
  return key.slice(ENTRY_PARAMETER_KEY.length).split(':', 1)[0] ?? '';
}

/**
 * A path an entry point's caller passed whole (or as the base), or a name it passed appended below a base the
 * same call passed (`pack(cwd, { entries })` joining `cwd` and each entry): not a traversal of this library.
 * A name computed by code the engine cannot see (a parser, a plugin: a weak taint) is not one the caller passed,
 * nor is a URL-decoded request path (`serve(req, res, { root })` promises to keep `req.url` inside `root`).
 */
export function isCallerChosenPath(t: Taint): boolean {
  const o = t.origin;
  if (o.kind !== 'source' || !o.key.startsWith(ENTRY_PARAMETER_KEY)) return false;
  if ((t.clean & PATH_APPENDED) === 0) return true;
  const below = t.below;
  if (!below || t.weak || (t.clean & PATH_FROM_URL) !== 0) return false;
  // A base still symbolic is a parameter of the entry function itself when a callback it created is replayed.
  const baseFn = below.kind === 'param' ? String(below.fn) : below.key.startsWith(ENTRY_PARAMETER_KEY) ? entryFunctionOf(below.key) : undefined;
  return baseFn === entryFunctionOf(o.key);
}

/**
 * Names that climb out of a directory, with the bypasses of a single-pass removal (`....//` minus `../` is `../`)
 * and both separators.
 */
const CLIMBING_NAMES = ['..', '../x', 'a/..', 'a/../b', 'a/../../b', '/../x', './../x', '..//x', '..\\x', 'a\\..\\b', '....//x', '..././x', 'a/....//b', '.../...//x'];

/**
 * `name.replace(/(?<=^|[/\\])\.\.+(?=[/\\]|$)/g, '.')`: a replacement that leaves no `..` segment in any of
 * {@link CLIMBING_NAMES} (tried, not proven: a regex that only handles these would pass). A replacement with `$`
 * patterns may put the match back and is not trusted.
 */
export function removesDotSegments(regex: RegexValue, replacement: string | undefined): boolean {
  if (replacement === undefined || replacement.includes('$')) return false;
  let re: RegExp;
  try {
    re = new RegExp(regex.pattern, regex.flags);
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
  return CLIMBING_NAMES.every((name) => !name.replace(re, replacement).split(/[/\\]/).includes('..'));
}

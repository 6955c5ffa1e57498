import type {
  GuardModel,
  LibraryModel,
  ModelRoot,
  PropagatorModel,
  SanitizerModel,
  SinkCondition,
  SinkModel,
  SourceModel,
} from '../../core/index.js';

/** One token of a model access path, compiled. */
export type PathMatcher =
  | { readonly kind: 'Member'; readonly names: ReadonlySet<string> | undefined }
  | { readonly kind: 'Argument' | 'Parameter'; readonly min: number; readonly max: number; readonly set?: ReadonlySet<number> }
  | { readonly kind: 'ReturnValue' | 'Receiver' };

/** Thrown for a malformed model path; `compileModels` turns it into a skipped entry. */
export class ModelPathError extends Error {}

/** Root key of a model root: `m:child_process`, `g:eval`, `meth:includes`. */
export function rootKey(root: ModelRoot): string {
  if ('module' in root) return `m:${normalizeModuleName(root.module)}`;
  if ('global' in root) return `g:${root.global}`;
  return `meth:${root.method}`;
}

/** `node:fs` and `fs` name the same module. */
export function normalizeModuleName(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

function parseIndexes(kind: 'Argument' | 'Parameter', inner: string): PathMatcher {
  const range = /^(\d+)\.\.(\d+)?$/.exec(inner);
  if (range) return { kind, min: Number(range[1]), max: range[2] === undefined ? Infinity : Number(range[2]) };
  const nums = inner.split(',').map((s) => Number(s.trim()));
  if (nums.some((n) => !Number.isInteger(n))) throw new ModelPathError(`bad index list ${inner}`);
  return { kind, min: Math.min(...nums), max: Math.max(...nums), set: new Set(nums) };
}

/**
 * Compile an access path (`Member[exec].Argument[0]`). `Awaited` is dropped and `Instance` read as
 * `ReturnValue`: the engine treats promises as their values and `new F()` like `F()`.
 */
export function parsePath(path: string): PathMatcher[] {
  const out: PathMatcher[] = [];
  // Split on dots outside brackets (`Argument[1..]` contains dots).
  const tokens = path.match(/[A-Za-z]+(\[[^\]]*\])?/g) ?? [];
  for (const tok of tokens) {
    const m = /^([A-Za-z]+)(?:\[([^\]]*)\])?$/.exec(tok);
    const name = m?.[1];
    const inner = m?.[2];
    if (name === 'Member' && inner !== undefined) out.push({ kind: 'Member', names: new Set(inner.split(',').map((s) => s.trim())) });
    else if (name === 'AnyMember') out.push({ kind: 'Member', names: undefined });
    else if ((name === 'Argument' || name === 'Parameter') && inner !== undefined) out.push(parseIndexes(name, inner));
    else if (name === 'ReturnValue' || name === 'Instance') out.push({ kind: 'ReturnValue' });
    else if (name === 'Receiver') out.push({ kind: 'Receiver' });
    else if (name === 'Awaited') continue;
    else throw new ModelPathError(`unknown token ${tok}`);
  }
  return out;
}

/** Whether an engine token (`Member:exec`, `Argument:0`, `ReturnValue`) matches a compiled token. */
export function tokenMatches(m: PathMatcher, token: string): boolean {
  const colon = token.indexOf(':');
  const kind = colon < 0 ? token : token.slice(0, colon);
  if (kind !== m.kind) return false;
  if (m.kind === 'Member') return m.names === undefined || m.names.has(token.slice(colon + 1));
  if (m.kind === 'Argument' || m.kind === 'Parameter') {
    const n = Number(token.slice(colon + 1));
    return m.set ? m.set.has(n) : n >= m.min && n <= m.max;
  }
  return true;
}

/** Whether `tokens` match `matchers` exactly. */
export function pathMatches(matchers: readonly PathMatcher[], tokens: readonly string[]): boolean {
  if (matchers.length !== tokens.length) return false;
  for (let i = 0; i < matchers.length; i++) {
    const m = matchers[i];
    const t = tokens[i];
    if (m === undefined || t === undefined || !tokenMatches(m, t)) return false;
  }
  return true;
}

export interface CompiledSource {
  readonly model: SourceModel;
  readonly path: readonly PathMatcher[];
}
/** A sink condition with its path compiled. */
export interface CompiledCondition {
  readonly path: readonly PathMatcher[];
  readonly equals: SinkCondition['equals'];
}
/** A sink split into the path to the call, the selected argument(s) and the members read from them. */
export interface CompiledSink {
  readonly model: SinkModel;
  readonly call: readonly PathMatcher[];
  /** `write`: the sink is an assignment to the last member of `call` (`ctx.body = html`). */
  readonly arg: PathMatcher | 'receiver' | 'write';
  /** Property sink: the members of the argument that do harm (`Argument[1].Member[Location]`); for `write`, the field. */
  readonly members: readonly PathMatcher[];
  readonly conditions: readonly CompiledCondition[];
  readonly unless: readonly CompiledCondition[];
}
export interface CompiledSanitizer {
  readonly model: SanitizerModel;
  readonly path: readonly PathMatcher[];
}
export interface CompiledGuard {
  readonly model: GuardModel;
  readonly call: readonly PathMatcher[];
}
export interface CompiledPropagator {
  readonly model: PropagatorModel;
  readonly call: readonly PathMatcher[];
  readonly from: readonly PathMatcher[];
  readonly to: readonly PathMatcher[];
}

/** Models indexed by root key, compiled once per analysis. */
export interface ModelIndex {
  readonly sources: ReadonlyMap<string, readonly CompiledSource[]>;
  readonly sinks: ReadonlyMap<string, readonly CompiledSink[]>;
  readonly sanitizers: ReadonlyMap<string, readonly CompiledSanitizer[]>;
  readonly guards: ReadonlyMap<string, readonly CompiledGuard[]>;
  readonly propagators: ReadonlyMap<string, readonly CompiledPropagator[]>;
  /** Roots with any model: only these are tracked as API references. */
  readonly roots: ReadonlySet<string>;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Which models a scan uses: threat model and opt-ins filter sources. */
export interface ModelSelection {
  readonly threatModel: 'application' | 'library';
  readonly optIn: ReadonlySet<string>;
}

/** Compile models; malformed paths are reported through `onError` and skipped. */
export function compileModels(
  models: readonly LibraryModel[],
  selection: ModelSelection,
  onError: (modelId: string, message: string) => void,
): ModelIndex {
  const sources = new Map<string, CompiledSource[]>();
  const sinks = new Map<string, CompiledSink[]>();
  const sanitizers = new Map<string, CompiledSanitizer[]>();
  const guards = new Map<string, CompiledGuard[]>();
  const propagators = new Map<string, CompiledPropagator[]>();
  const roots = new Set<string>();
  for (const lib of models) {
    const attempt = (f: () => void): void => {
      try {
        f();
      } catch (error: unknown) {
        if (error instanceof ModelPathError) onError(lib.id, error.message);
        else throw error;
      }
    };
    for (const s of lib.sources ?? []) {
      if (s.threatModel && s.threatModel !== selection.threatModel) continue;
      if (s.optIn && !selection.optIn.has(s.optIn)) continue;
      attempt(() => {
        push(sources, rootKey(s.root), { model: s, path: parsePath(s.path) });
      });
    }
    for (const s of lib.sinks ?? []) {
      attempt(() => {
        const path = parsePath(s.path);
        // The argument is the last Argument/Receiver token; only members may follow it (property sinks).
        let at = path.length;
        while (at > 0 && path[at - 1]?.kind === 'Member') at--;
        const last = path[at - 1];
        const field = path.at(-1);
        if ((!last || (last.kind !== 'Argument' && last.kind !== 'Receiver')) && field?.kind === 'Member' && path.length > 1) {
          // A path ending in a member of a non-argument value names a field whose assignment is the sink.
          push(sinks, rootKey(s.root), { model: s, call: path.slice(0, -1), arg: 'write', members: [field], conditions: [], unless: [] });
          return;
        }
        if (!last || (last.kind !== 'Argument' && last.kind !== 'Receiver')) throw new ModelPathError(`sink path must end in Argument or Receiver, then members, or in a field: ${s.path}`);
        push(sinks, rootKey(s.root), {
          model: s,
          call: path.slice(0, at - 1),
          arg: last.kind === 'Receiver' ? 'receiver' : last,
          members: path.slice(at),
          conditions: (s.conditions ?? []).map((c) => ({ path: parsePath(c.path), equals: c.equals })),
          unless: (s.unless ?? []).map((c) => ({ path: parsePath(c.path), equals: c.equals })),
        });
      });
    }
    for (const s of lib.sanitizers ?? []) attempt(() => { push(sanitizers, rootKey(s.root), { model: s, path: parsePath(s.path) }); });
    for (const g of lib.guards ?? []) attempt(() => { push(guards, rootKey(g.root), { model: g, call: parsePath(g.path) }); });
    for (const p of lib.propagators ?? []) {
      attempt(() => {
        push(propagators, rootKey(p.root), { model: p, call: parsePath(p.path), from: parsePath(p.from), to: parsePath(p.to) });
      });
    }
  }
  for (const m of [sources, sinks, sanitizers, guards, propagators]) for (const k of m.keys()) roots.add(k);
  return { sources, sinks, sanitizers, guards, propagators, roots };
}

/** Compiled indexes per model list and selection: the lists are constants (`ALL_MODELS`), compiled once per process. */
interface CompiledEntry {
  readonly index: ModelIndex;
  readonly errors: readonly (readonly [string, string])[];
}
const compiledIndexes = new WeakMap<readonly LibraryModel[], Map<string, CompiledEntry>>();

/**
 * {@link compileModels} of `builtins` then `models`, reused while the caller passes the same `models` array (a scanner
 * analysing package after package); malformed paths are reported to `onError` on every call, as the first did.
 */
export function compiledModelIndex(
  builtins: readonly LibraryModel[],
  models: readonly LibraryModel[],
  selection: ModelSelection,
  onError: (modelId: string, message: string) => void,
): ModelIndex {
  let bySelection = compiledIndexes.get(models);
  if (!bySelection) compiledIndexes.set(models, (bySelection = new Map<string, CompiledEntry>()));
  const key = `${selection.threatModel}|${[...selection.optIn].sort().join(',')}|${String(builtins.length)}`;
  let entry = bySelection.get(key);
  if (!entry) {
    const errors: (readonly [string, string])[] = [];
    entry = { index: compileModels([...builtins, ...models], selection, (id, message) => errors.push([id, message])), errors };
    bySelection.set(key, entry);
  }
  for (const [id, message] of entry.errors) onError(id, message);
  return entry.index;
}

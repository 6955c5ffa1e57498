/**
 * Library models as data (STYLE.md: `src/models/<library>.ts`). A model names API elements with
 * an access path in the style of CodeQL's models-as-data:
 *
 * - a root: a module (`{ module: 'child_process' }`, matches `node:` too), a global
 *   (`{ global: 'eval' }`), or a method by name on any receiver (`{ method: 'includes' }`);
 * - a path of `.`-separated tokens walked from the root:
 *   `Member[a,b]` property a or b; `AnyMember`; `Argument[0]`, `Argument[1..]`, `Argument[0,2]`;
 *   `Parameter[0]` (of a callback passed at this point); `ReturnValue`; `Instance` (result of `new`);
 *   `Awaited` (promise resolution); `Receiver` (the `this` of a method call).
 *
 * Example: Express query strings are
 * `{ module: 'express', path: 'ReturnValue.Member[get,post].Argument[1..].Parameter[0].Member[query]' }`.
 */
export type ModelRoot = { readonly module: string } | { readonly global: string } | { readonly method: string };

/** What kind of harm a sink does. Rules subscribe to sink kinds. */
export type SinkKind =
  | 'command-injection'
  | 'code-injection'
  | 'path-traversal'
  | 'sql-injection'
  | 'xss'
  | 'ssrf'
  | 'open-redirect'
  | 'unsafe-deserialization'
  | 'regex-injection'
  | 'redos'
  | 'prototype-pollution'
  | 'insecure-randomness'
  | 'weak-crypto';

/** Where tainted data comes from. */
export type TaintLabel = 'user-input' | 'library-input' | 'environment' | 'file-content' | 'network' | 'insecure-random';

/** A place where attacker-controlled (or otherwise labelled) data enters. */
export interface SourceModel {
  readonly root: ModelRoot;
  readonly path: string;
  readonly label: TaintLabel;
  /** Short human name used in messages: "req.query". */
  readonly description: string;
  /** Only active under this threat model; both when absent. */
  readonly threatModel?: 'application' | 'library';
  /** Only active when the scan configuration opts in (e.g. `process.argv` as input). */
  readonly optIn?: 'argv' | 'env' | 'files' | 'sockets';
}

/** A condition on the call for a sink to apply, e.g. `spawn(cmd, args, { shell: true })`. */
export interface SinkCondition {
  /** Access path relative to the call, e.g. `Argument[2].Member[shell]`. */
  readonly path: string;
  /**
   * The value must be a truthy constant (`true`), may be anything non-falsy (`'non-false'`), or must be a
   * constant string among `oneOf`, compared case-insensitively (header names: `setHeader('Location', url)`).
   */
  readonly equals: true | 'non-false' | { readonly oneOf: readonly string[] };
}

/**
 * A place where labelled data does harm. The path ends at an argument or the receiver, optionally
 * followed by members of it: `Argument[1].Member[Location]` is the `Location` field of an options
 * object (property sinks: `res.writeHead(302, { Location: url })`). A path ending in a member of a value
 * that is not an argument names a field whose assignment is the sink: `...Parameter[0].Member[body]` is
 * koa's `ctx.body = html`.
 */
export interface SinkModel {
  readonly root: ModelRoot;
  readonly path: string;
  readonly kind: SinkKind;
  /** Short human name used in messages: "child_process.exec()". */
  readonly description: string;
  /** Labels this sink cares about; `user-input` and `library-input` when absent. */
  readonly labels?: readonly TaintLabel[];
  readonly conditions?: readonly SinkCondition[];
  /**
   * The sink does not apply when any of these holds, e.g. `res.sendFile(p, { root })` is confined to
   * `root`: `unless: [{ path: 'Argument[1].Member[root]', equals: 'non-false' }]`.
   */
  readonly unless?: readonly SinkCondition[];
}

/** An API whose result is safe for some sink kinds, whatever went in. */
export interface SanitizerModel {
  readonly root: ModelRoot;
  /** Path to the sanitised value, usually ending in `ReturnValue`. */
  readonly path: string;
  /** Sink kinds the result is safe for; `all` for every kind (numeric coercion). */
  readonly kinds: readonly SinkKind[] | 'all';
  readonly description: string;
}

/** A check that makes a value safe on one branch: `if (ALLOWED.includes(x))`, `if (p.startsWith(root))`. */
export interface GuardModel {
  readonly root: ModelRoot;
  /** Path to the call whose truth value guards, relative to the root, e.g. `` for a method root. */
  readonly path: string;
  /** Which value is checked: the receiver of the call or an argument. */
  readonly checks: 'receiver' | 'argument0';
  /** The branch on which the value is safe. */
  readonly safeWhen: 'true' | 'false';
  readonly kinds: readonly SinkKind[] | 'all';
  readonly description: string;
}

/** An API that moves taint from one place to another (`path.join`, `util.format`, `Buffer.from`). */
export interface PropagatorModel {
  readonly root: ModelRoot;
  /** Path to the call, e.g. `Member[join]`. */
  readonly path: string;
  /** Relative to the call: `Argument[0..]`, `Receiver`, members of them (`Argument[0].AnyMember`). */
  readonly from: string;
  /**
   * Relative to the call: `ReturnValue`, `Argument[0]`, `Awaited`, or an input of a callback the API calls:
   * `Argument[1].Parameter[0]`, or `Argument[1].Receiver` for its `this` (`forIn(obj, fn, thisArg)`). A bare
   * argument moves into a callback parameter as taint (its keys); members and `this` keep their identity.
   */
  readonly to: string;
  /**
   * The value itself moves, not only its taint: the result calls the same library functions, so their sinks
   * still apply (`pify(fs).writeFile(p)`, `util.promisify(fs.writeFile)(p)`).
   */
  readonly wholeValue?: boolean;
}

/** Everything Yagura knows about one library. Adding a library is adding one of these plus its tests. */
export interface LibraryModel {
  /** Kebab-case id, the file name under `src/models/`. */
  readonly id: string;
  readonly description: string;
  readonly sources?: readonly SourceModel[];
  readonly sinks?: readonly SinkModel[];
  readonly sanitizers?: readonly SanitizerModel[];
  readonly guards?: readonly GuardModel[];
  readonly propagators?: readonly PropagatorModel[];
}

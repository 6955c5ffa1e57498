import type { Function as FunctionNode, ArrowFunctionExpression, Class, Node } from 'oxc-parser';
import { visitorKeys } from 'oxc-parser';

import type { Location, SinkKind, TaintLabel } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import type { PredicateFact } from './guards.js';
import type { Taint, Value } from './value.js';

export type FunctionLike = FunctionNode | ArrowFunctionExpression;

/** A variable binding. Reads from other functions see `joined` (flow-insensitive for captured variables). */
export interface Cell {
  readonly name: string;
  joined: Value;
}

/** A lexical scope. */
export interface Scope {
  readonly vars: Map<string, Cell>;
  readonly parent: Scope | undefined;
  /** Function scope (target of `var` and hoisted functions). */
  readonly isFunction: boolean;
}

/** Where harm happens: one sink occurrence. */
export interface SinkSite {
  readonly kind: SinkKind;
  readonly description: string;
  readonly location: Location;
  readonly text: string;
  readonly enclosing: string;
  readonly labels: ReadonlySet<TaintLabel>;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A call a summary could not resolve because its callee is a parameter (a callback, `this.cp.exec`). */
export interface DeferredCall {
  readonly callee: Value;
  readonly thisVal: Value | undefined;
  readonly args: readonly Value[];
  readonly methodName: string | undefined;
  readonly node: Node;
  readonly file: ParsedFile;
  readonly enclosing: string;
}

/** Symbolic parameter taint reaching a sink inside a function. */
export interface SinkHit {
  readonly taint: Taint;
  readonly site: SinkSite;
  /** The sink received a whole parameter, unchanged (`exec(cmd)` in `run(cmd)`): the function is a wrapper of the sink. */
  readonly passed?: boolean;
}

/** A dynamic property write whose key and value depend on parameters. */
export interface PollutionHit {
  readonly key: Value;
  readonly value: Value;
  /** Key taints the written object was read with (flow state; may be symbolic: parameter `#reach`). */
  readonly reach: Value;
  readonly site: SinkSite;
  /** Some function between the write and this summary walks keys (loop, recursion, key iteration). */
  readonly walked: boolean;
}

/** `target.name = value` where the target depends on parameters: a property-write sink once substituted. */
export interface FieldWrite {
  readonly target: Value;
  readonly name: string;
  readonly value: Value;
  readonly node: Node;
  readonly file: ParsedFile;
  readonly enclosing: string;
}

/** What a function does to its parameters, `this` and its result; reused at every call. */
export interface Summary {
  ret: Value;
  readonly sinks: SinkHit[];
  readonly calls: DeferredCall[];
  readonly pollution: PollutionHit[];
  /** Fields written to `this` (constructor effects). */
  readonly thisProps: Map<string, Value>;
  /** Writes to a field of a parameter object (`ctx.body = html`), checked against property-write sinks when applied. */
  writes?: FieldWrite[];
  /** `module.exports = v` inside the function (UMD wrappers `(function (root, factory) { ... })(this, fn)`), bound when applied. */
  exports?: Value;
  /** What the function assigns to each local of an enclosing function (closure cursors), bound when applied. */
  outerWrites?: Map<Cell, Value>;
}

/** A user function known to the engine. */
export interface FunctionInfo {
  readonly id: number;
  readonly node: FunctionLike;
  readonly name: string;
  readonly file: ParsedFile;
  readonly scope: Scope;
  readonly classId: number | undefined;
  summary: Summary | undefined;
  status: 'new' | 'running' | 'done';
  /** Used while running (recursion): recompute to a fixpoint. */
  reentered: boolean;
  /** Times this function was redone because a caller it re-entered finished (bounded: cost). */
  redone: number;
  shape: FunctionShape | undefined;
  /** Whether the body reads its own `arguments` ({@link readsArguments}), once known. */
  readsArguments?: boolean;
  /** Refinements the function proves of its arguments when it returns truthy / falsy (guards). */
  predicate?: Map<boolean, readonly PredicateFact[]>;
  /** What the function proves of its arguments by returning at all (it throws otherwise). */
  assertion?: Assertion;
}

/** Facts a call that returned proves: refinements of arguments (by index), and arguments that were truthy. */
export interface Assertion {
  readonly params: readonly { readonly index: number; readonly mask: number; readonly ownIn?: number }[];
  readonly truthy: readonly number[];
}

/** Syntactic facts of a function body. */
export interface FunctionShape {
  /** Loops, `forEach`/`reduce`/`keys`, `split`, or recursion: the function walks keys. */
  readonly walksKeys: boolean;
  readonly recursive: boolean;
}

/** A user class. */
export interface ClassInfo {
  readonly id: number;
  readonly node: Class;
  readonly name: string;
  readonly file: ParsedFile;
  ctor: FunctionInfo | undefined;
  readonly methods: Map<string, FunctionInfo>;
  readonly staticMethods: Map<string, FunctionInfo>;
  superClass: Value | undefined;
}

const LOOP_TYPES = new Set(['ForInStatement', 'ForOfStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement']);
const WALK_METHODS = new Set(['forEach', 'reduce', 'keys', 'entries', 'split', 'map', 'every', 'some']);

/** Push the child nodes (oxc visitor keys) onto the stack of an explicit walk: hostile nesting must not overflow. */
export function pushChildren(node: Node, stack: Node[]): void {
  const keys = visitorKeys[node.type] ?? [];
  const rec = node as unknown as Record<string, unknown>;
  for (const key of keys) {
    const child = rec[key];
    if (Array.isArray(child)) {
      for (const c of child as unknown[]) if (isNode(c)) stack.push(c);
    } else if (isNode(child)) stack.push(child);
  }
}

/** An AST node (an object with a string `type`), as opposed to a list, literal value or position. */
export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** Compute {@link FunctionShape} with an explicit stack (hostile nesting must not overflow). */
export function computeShape(fn: FunctionLike, name: string): FunctionShape {
  let walksKeys = false;
  let recursive = false;
  const stack: Node[] = fn.body ? [fn.body] : [];
  let budget = 20_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (!n) break;
    if (LOOP_TYPES.has(n.type)) walksKeys = true;
    if (n.type === 'CallExpression') {
      const c = n.callee;
      const called = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' ? c.property.name : undefined;
      if (called !== undefined && called === name && name !== '<anonymous>') recursive = true;
      if (called !== undefined && WALK_METHODS.has(called)) walksKeys = true;
    }
    pushChildren(n, stack);
  }
  return { walksKeys: walksKeys || recursive, recursive };
}

/** {@link usesArguments} of a known function, walked once: every summary of it and its entry call ask. */
export function readsArguments(fn: FunctionInfo): boolean {
  return (fn.readsArguments ??= usesArguments(fn.node));
}

/** The function reads its own `arguments` object (nested non-arrow functions have their own). */
export function usesArguments(fn: FunctionLike): boolean {
  const stack: Node[] = fn.body ? [fn.body] : [];
  let budget = 20_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'Identifier' && n.name === 'arguments') return true;
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') continue;
    pushChildren(n, stack);
  }
  return false;
}

// Built-in methods of strings, arrays and standard namespaces, and the conditions of library models.
import type { CallExpression, NewExpression } from 'oxc-parser';
import type { ParsedFile } from '../parse/parse-files.js';
import type { CompiledCondition } from './access-path.js';
import { constantArrayJoin, isBoundedSlice, isRegexEscape } from './regex-values.js';
import { removesDotSegments } from './path-composition.js';
import { isOneOf } from './sink-members.js';
import { isShellDoubleQuoteEscape } from './shell-context.js';
import { sqlQuotesEscapedBy } from './sql-context.js';
import type { ApiRef, Value } from './value.js';
import {
  constString,
  EMPTY,
  funcRef,
  isEmpty,
  join,
  kindBit,
  LENGTH_BOUNDED,
  makeValue,
  sanitize,
  SHELL_DQ_ESCAPED,
  taintsOf,
  taintsOfAll,
  valueWith,
} from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { predicateOf } from './refinements.js';
import { regexSinks } from './sinks.js';
import { applySummary } from './summaries.js';
import { sanitizeElements } from './value-helpers.js';

const STRING_METHODS = new Set([
  'concat', 'join', 'replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'split', 'slice', 'substring', 'substr',
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'toString', 'valueOf', 'padStart', 'padEnd',
  'normalize', 'repeat', 'at', 'charAt', 'flat', 'reverse', 'sort', 'filter', 'slice', 'pop', 'shift', 'values', 'toJSON',
  'match', 'matchAll', 'exec', 'raw',
]);

const CLEAN_METHODS = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'test', 'has', 'charCodeAt', 'codePointAt', 'localeCompare',
  'hasOwnProperty', 'isArray', 'search', 'some', 'every', 'findIndex', 'size', 'length',
]);

export const CALLBACK_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'find', 'some', 'every', 'flatMap', 'then', 'catch', 'finally', 'findLast', 'sort']);

const REGEX_ON_RECEIVER = new Set(['test', 'exec']);

const REGEX_ON_ARGUMENT = new Set(['match', 'matchAll', 'search', 'split', 'replace', 'replaceAll']);

const BUILTIN_NAMESPACES = new Set(['g:Object', 'g:Reflect', 'g:Array', 'g:Number', 'g:String', 'g:JSON', 'g:Math', 'g:Symbol', 'g:Promise']);

/**
 * Standard functions that never call a function they are passed (ECMA-262: they read, store or compare their
 * arguments), named from the global object. Implicit hooks (getters, `valueOf`) are not modelled anywhere.
 */
const CALLS_NO_ARGUMENT = new Set([
  ...['keys', 'values', 'entries', 'assign', 'defineProperty', 'defineProperties', 'freeze', 'seal', 'preventExtensions'].map((m) => `Object.${m}`),
  ...['isFrozen', 'isSealed', 'isExtensible', 'getPrototypeOf', 'setPrototypeOf', 'create', 'is', 'hasOwn'].map((m) => `Object.${m}`),
  ...['getOwnPropertyNames', 'getOwnPropertySymbols', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors'].map((m) => `Object.${m}`),
  ...['hasOwnProperty', 'propertyIsEnumerable', 'isPrototypeOf', 'toString'].map((m) => `Object.prototype.${m}`),
  ...['push', 'unshift', 'concat', 'slice', 'splice', 'indexOf', 'lastIndexOf', 'includes', 'join'].map((m) => `Array.prototype.${m}`),
  'Array.isArray',
  'Array.of',
  'Buffer.isBuffer',
  ...['ownKeys', 'getPrototypeOf', 'has', 'defineProperty', 'getOwnPropertyDescriptor'].map((m) => `Reflect.${m}`),
]);

/**
 * Methods that, called on a receiver the engine knows nothing about, apply none of their arguments beyond what
 * {@link builtinMethod} (callbacks of array and promise methods, with the elements) or the unknown-code rule of
 * `performCall` (each function argument, for `call`/`apply`) already apply; or that store and compare only.
 */
const METHOD_CALLS_COVERED = new Set([
  ...CALLBACK_METHODS,
  'call',
  'apply',
  ...['push', 'unshift', 'concat', 'slice', 'splice', 'indexOf', 'lastIndexOf', 'includes', 'join', 'hasOwnProperty'],
]);

/**
 * Whether a library call needs no search of its arguments for callbacks to apply with the API's parameter values:
 * a standard function that calls none (`Object.keys(api)`, `hasOwnProperty.call(lodash, k)`), also reached through
 * the global object (`root.Object.keys`) and through `call`/`apply`, or a method of an unknown receiver (or of what
 * one returned) whose function arguments are applied elsewhere.
 */
export function callsNoArgument(ref: ApiRef): boolean {
  if (ref.root.startsWith('meth:') && ref.tokens.length === 0) return METHOD_CALLS_COVERED.has(ref.root.slice('meth:'.length));
  // `x.resolve().then(cb)` on an unknown `x`: builtinMethod applies `cb`; no model gives such values a source.
  const lastToken = ref.tokens.at(-1);
  if (ref.root.startsWith('meth:') && lastToken?.startsWith('Member:') && CALLBACK_METHODS.has(lastToken.slice('Member:'.length))) return true;
  // The member names read off a global, or off the result of the last call (`_.defaults(o).Object.keys` reads
  // `Object.keys` off a returned global object); the members of a library module are the library's own.
  let names: string[] | undefined = ref.root.startsWith('g:') ? [ref.root.slice('g:'.length)] : undefined;
  for (const t of ref.tokens) {
    if (!t.startsWith('Member:')) names = [];
    else names?.push(t.slice('Member:'.length));
  }
  if (names === undefined) return false;
  const last = names.at(-1);
  if ((last === 'call' || last === 'apply') && names.length > 2) names.pop();
  // `Object.keys` itself, or as a field of a global object alias (`self.Object.keys`, `context.Object.keys`).
  for (let from = Math.max(0, names.length - 4); from < names.length - 1; from++) if (CALLS_NO_ARGUMENT.has(names.slice(from).join('.'))) return true;
  return false;
}

/** A reference to a method of a standard built-in namespace (`Object.getOwnPropertyDescriptor`), nothing else. */
export function isBuiltinFunction(v: Value): boolean {
  return v.apis.length > 0 && v.taints.length === 0 && v.funcs.length === 0 && !v.aliases && v.apis.every((r) => BUILTIN_NAMESPACES.has(r.root) && r.tokens.length === 1);
}

export function conditionsHold(it: Interpreter, conds: readonly CompiledCondition[], args: readonly Value[]): boolean {
  for (const c of conds) {
    let v: Value | undefined;
    for (const [i, m] of c.path.entries()) {
      if (i === 0) {
        if (m.kind !== 'Argument') return false;
        v = args[m.min];
      } else if (m.kind === 'Member' && v) {
        const name = m.names ? [...m.names][0] : undefined;
        v = name !== undefined ? v.props?.get(name) : undefined;
      }
    }
    if (typeof c.equals === 'object') {
      if (!isOneOf(v, c.equals.oneOf)) return false;
    } else if (c.equals === true) {
      if (!v || !(v.bool === true || (v.str !== undefined && v.str !== ''))) return false;
    } else if (!v || v.bool === false || v.str === '') return false;
  }
  return true;
}

/** `re.exec(s)`, `s.match(re)`...: `s` matched against each regex `re` may be. */
export function regexMethodSinks(it: Interpreter, frame: Frame, name: string, recv: Value, args: readonly Value[], site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string }): void {
  if (REGEX_ON_RECEIVER.has(name) && recv.regexes && args[0]) regexSinks(it, frame, args[0], recv.regexes, `RegExp.prototype.${name}()`, site);
  if (REGEX_ON_ARGUMENT.has(name) && args[0]?.regexes) regexSinks(it, frame, recv, args[0].regexes, `String.prototype.${name}()`, site);
}

/** String, array, promise and regex methods the engine knows without models. */
export function builtinMethod(it: Interpreter, frame: Frame, name: string, recv: Value, args: readonly Value[], site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string }): Value | undefined {
  regexMethodSinks(it, frame, name, recv, args, site);
  if (CALLBACK_METHODS.has(name)) {
    let result = EMPTY;
    const elem = join(taintsOf(recv), recv.props?.get('*') ?? EMPTY);
    for (const a of args) {
      for (const f of a.funcs) {
        const fn = it.functions[f.fnId];
        if (!fn) continue;
        const isReduce = name === 'reduce' || name === 'reduceRight';
        const params = isReduce ? [args[1] ?? EMPTY, elem] : [elem, makeValue({ isNumber: true }), recv];
        let r = applySummary(it, frame, fn, f.thisVal, params, site.node);
        // The accumulator of the next step is the previous result (`keys.reduce((o, k) => o[k] = o[k] || {}, obj)`).
        if (isReduce && !isEmpty(r)) r = join(r, applySummary(it, frame, fn, f.thisVal, [join(params[0] ?? EMPTY, r), elem], site.node));
        result = join(result, r);
      }
    }
    if (name === 'filter') {
      // `keys.filter(isValidKey)`: the kept elements satisfy the predicate.
      const mask = args[0]?.funcs.reduce((m, f) => m | predicateOf(it, f.fnId, true).filter((p) => p.index === 0).reduce((a, p) => a | p.mask, 0), 0) ?? 0;
      return mask === 0 ? recv : sanitizeElements(recv, mask);
    }
    if (name === 'sort' || name === 'finally') return recv;
    if (name === 'find' || name === 'findLast') return elem;
    if (name === 'map' || name === 'flatMap') return valueWith(taintsOf(result), { props: new Map([['*', result]]) });
    if (name === 'forEach' || name === 'some' || name === 'every') return EMPTY;
    return result;
  }
  if (CLEAN_METHODS.has(name)) return EMPTY;
  // `fn.bind(self)`: the same function with `this` fixed. Bound leading arguments would shift the parameters: not followed.
  if (name === 'bind' && recv.funcs.length > 0 && args.length <= 1) return makeValue({ funcs: recv.funcs.map((f) => (args[0] ? funcRef(f.fnId, args[0], f.env) : f)) });
  if (STRING_METHODS.has(name)) {
    const all = taintsOfAll(args, recv);
    const only = args[0]?.regexes?.length === 1 ? args[0].regexes[0] : undefined;
    if ((name === 'replace' || name === 'replaceAll') && only) {
      if (isRegexEscape(only, args[1]?.str)) return sanitize(all, kindBit('regex-injection'));
      if (removesDotSegments(only, args[1]?.str)) return sanitize(all, kindBit('path-traversal'));
      const escaped = sqlQuotesEscapedBy(only, args[1]) | (isShellDoubleQuoteEscape(only, args[1]?.str) ? SHELL_DQ_ESCAPED : 0);
      if (escaped !== 0) return sanitize(all, escaped);
    }
    if (name === 'split') return valueWith(all, { props: new Map([['*', all]]) });
    if (isBoundedSlice(name, site.node, args)) return sanitize(all, LENGTH_BOUNDED);
    const joined = name === 'join' ? constantArrayJoin(site.node, recv, args) : undefined;

    if (joined !== undefined) return constString(joined);
    // Elements through readMember: inside a summary the receiver may be a parameter, whose elements are `param.*`.
    if (name === 'join' || name === 'concat') return join(all, taintsOf(it.readMember(frame, recv, '*', site.node)));
    return all;
  }
  return undefined;
}

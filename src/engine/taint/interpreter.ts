import type { CallExpression, Class, Expression, NewExpression, Node, Program, Statement } from 'oxc-parser';
import type { Diagnostic, FlowStep, Location, TaintLabel } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import { locationOf } from '../parse/parse-files.js';
import type { ResolutionContext } from '../program/resolve-module.js';
import { resolveModule } from '../program/resolve-module.js';
import type { ModelIndex } from './access-path.js';
import { pathMatches } from './access-path.js';
import { joinExportAliases } from './export-aliases.js';
import type { Refinement, Subject } from './guards.js';
import { leadingLiteral, trailingLiteral } from './html-context.js';
import { appendedPart } from './path-composition.js';
import type { RegexValue } from './regex-values.js';
import { exposedRegexFlow } from './regex-values.js';
import { isLinearTimeRegex } from '../regex/linear-time.js';
import type {
  Cell,
  ClassInfo,
  DeferredCall,
  FunctionInfo,
  FunctionLike,
  Scope,
  SinkHit,
  SinkSite,
  Summary,
} from './program-model.js';
import { ElementFacts } from './element-facts.js';
import { nullProtoFields } from './null-proto-fields.js';
import { OwnKeyTracker } from './own-keys.js';
import type { ApiRef, SourceOrigin, Value } from './value.js';
import {
  addStep,
  asText,
  constString,
  copyMap,
  EMPTY,
  funcRef,
  isEmpty,
  join,
  joinAll,
  makeTaint,
  makeValue,
  NUMERIC_CLEAN,
  sanitize,
  taintOnly,
  taintsOf,
  valueKey,
  valueWith,
} from './value.js';
import { assignTo, memberName, noteExportAlias } from './assignments.js';
import { catchBudget, enter } from './budgets.js';
import { comparisonCondition, joinTests, negate, tagBranch, UNDEFINED } from './conditions.js';
import { callApi, construct, evalCall, evalNew, performCall } from './call-dispatch.js';
import { applyRefinement, notePathParts, noteUnset } from './refinements.js';
import { asShellQuotedPart } from './shell-context.js';
import { builtinSecretSink, regexSite, SECRET_NAME, sqlQuotedSink, urlAttributeSink } from './sinks.js';
import type { KeyedGuard } from './keyed-guards.js';
import { evalStatement, mergeStates } from './statements.js';
import { applySummary, summarize } from './summaries.js';
import { fieldOf, LAST_ELEMENT, withReach } from './value-helpers.js';

/** A source-to-sink path found by the interpreter, before rules see it. */
export interface RawFlow {
  readonly site: SinkSite;
  readonly source: SourceOrigin;
  readonly steps: readonly FlowStep[];
  readonly weak: boolean;
  /** Extra taint of a second input (prototype pollution: the value). */
  readonly valueSource?: SourceOrigin;
  /** The input's length was checked against a constant before it reached the sink. */
  readonly lengthBounded?: boolean;
}

/** One module being evaluated. */
export interface ModuleRecord {
  readonly file: ParsedFile;
  readonly scope: Scope;
  exports: Value;
  status: 'new' | 'running' | 'done';
  /** Variables holding the exports object (`var cs = module.exports = {}`), joined into it at the end. */
  readonly exportAliases: Set<Cell>;
  /** The module's `module` variable, whose `exports` field is joined into the exports at the end. */
  readonly moduleCell: Cell;
}

/** Settings of one interpretation. */
export interface InterpreterOptions {
  readonly models: ModelIndex;
  readonly resolution: ResolutionContext;
  readonly maxCallDepth: number;
  readonly maxPathLength: number;
  readonly maxMillisPerFile: number;
  readonly clock: (() => number) | undefined;
  /** Labels that default sinks accept. */
  readonly defaultLabels: ReadonlySet<TaintLabel>;
  /** See `AnalysisOptions.onTaintedRegex`. */
  readonly onTaintedRegex?: ((pattern: string, flags: string) => void) | undefined;
  /** Lines of the whole program when this interpreter runs one part of it: the application budget is the whole's. */
  readonly programLines?: number;
  /**
   * Interpreting one part of a program (program-parts.ts): whether a code file is outside the part. An import of
   * one is recorded in {@link Interpreter.leftPart}, and the part's results do not stand for the whole.
   */
  readonly outsidePart?: (path: string) => boolean;
}

export interface Frame {
  readonly fn: FunctionInfo | undefined;
  readonly file: ParsedFile;
  readonly module: ModuleRecord;
  state: Map<Cell, Value>;
  terminated: boolean;
  ret: Value;
  readonly summary: Summary;
  readonly thisVal: Value;
  readonly enclosing: string;
  /** Results of summary applications in this frame, by callee and structural argument key; the arguments while being applied. */
  readonly applied: Map<string, Value | readonly Value[]>;
  /** The hits of `summary.sinks` by taint and site (sinks.ts), so that a hit is added once without a scan of all. */
  readonly sinkIndex: Map<string, SinkHit[]>;
}

/**
 * Abstract interpreter over the AST: evaluates statements in order with a state of abstract values,
 * computes function summaries on demand (bottom-up: callees before callers, recursion iterated to a
 * bounded fixpoint) and reports concrete source-to-sink flows. It coordinates the free functions of
 * statements.ts, assignments.ts, refinements.ts, call-dispatch.ts, builtins.ts, summaries.ts, sinks.ts,
 * pollution.ts and budgets.ts, which is why most of its state is not `private`.
 */
export class Interpreter {
  readonly flows: RawFlow[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly functions: FunctionInfo[] = [];
  readonly classes: ClassInfo[] = [];
  readonly modules = new Map<string, ModuleRecord>();
  /** Call graph: caller function id (-1 for module code) to callee ids. */
  readonly callEdges = new Map<number, Set<number>>();
  readonly callFacts: { file: ParsedFile; node: CallExpression | NewExpression; api: string; args: readonly Value[]; enclosing: string }[] = [];
  private readonly files: Map<string, ParsedFile>;
  /** A small number per file (see {@link fileId}). */
  private readonly fileIds = new Map<ParsedFile, number>();
  /** Ids of structural value keys (see valueId): the table, and the id of each value asked for. */
  private readonly valueIds = new Map<string, number>();
  private readonly idsOfValues = new WeakMap<Value, number>();
  private readonly fnByNode = new Map<Node, FunctionInfo>();
  private readonly classByNode = new Map<Node, ClassInfo>();
  readonly exhausted = new Set<string>();
  /** Per pattern and flags: whether matching takes linear time (see {@link isLinearTime}). */
  private readonly linearTime = new Map<string, boolean>();
  /** Variables declared unset, and those assigned only under a guard (see guarded-assignments.ts). */
  readonly unsetCells = new WeakSet<Cell>();
  /** The variables each `if` consequent assigns (`assignedNames`), walked once per statement instead of per evaluation. */
  readonly assignedIn = new Map<Statement, readonly string[]>();
  readonly guardedBy = new WeakMap<Cell, { readonly refinements: readonly Refinement[]; readonly scope: Scope }>();
  /** Failed `key === 'lit' && guard` tests around the statement being evaluated (keyed-guards.ts). */
  readonly keyedGuards: KeyedGuard[] = [];
  /** Path variables and the parts they were joined from (`dst = resolve(dir, name)` to `name`). */
  readonly pathParts = new WeakMap<Cell, readonly Subject[]>();
  /** Variables holding a `path.relative()` result. */
  readonly relativeCells = new WeakSet<Cell>();
  readonly spent = new Map<string, number>();
  lastCheck = 0;
  ticks = 0;
  nesting = 0;
  summaryNesting = 0;
  callDepth = 0;
  nameHint: string | undefined;
  applications = 0;
  readonly maxApplications: number;
  /** The first file outside this interpreter's part that the code imported (see `InterpreterOptions.outsidePart`). */
  leftPart: string | undefined;
  readonly ownKeys = new OwnKeyTracker((scope, name) => this.lookup(scope, name));
  /** Guards on `parts[i]` that hold for the next reads of `parts[i]` (see element-facts.ts). */
  readonly elementFacts = new ElementFacts();
  private readonly nullProtoFieldsByFile = new WeakMap<ParsedFile, ReadonlySet<string>>();
  /** {@link extendApi} results by reference and token. */
  private readonly extendedApis = new WeakMap<ApiRef, Map<string, ApiRef>>();
  /** {@link apiValue} of references no source model matches. */
  private readonly plainApiValues = new WeakMap<ApiRef, Value>();
  /** {@link rootApi} results by root. */
  private readonly rootApis = new Map<string, ApiRef>();
  /** Results of {@link readField} by object and key (`undefined`: unknown key). */
  private readonly fieldReads = new WeakMap<Value, Map<string | undefined, Value>>();
  /** Inline callbacks of array methods: the array variable and the method (`keys.reduce(function (o, k, i) {...})`). */
  readonly callbackOf = new WeakMap<Node, { readonly array: string; readonly method: string }>();
  /** Inline callbacks run only after earlier `then` callbacks of the same chain returned (`p.then(a).then(b)`: b to [a]). */
  readonly chainPredecessors = new WeakMap<Node, readonly FunctionLike[]>();
  /** Variables declared `const`: the value a closure sees is the one its creator checked. */
  readonly constCells = new WeakSet<Cell>();
  /** Strings that are the text of an error (`throw new Error(`Unknown "${x}"`)`): prose, not SQL or markup. */
  readonly messageText = new WeakSet<Node>();
  /** `a + b` concatenations and the value of their right operand, for the quote that closes it (sql-context.ts). */
  readonly concatHoles = new WeakMap<Node, { readonly before: string | undefined; readonly node: Node; readonly value: Value }>();
  /** Right-hand side of the assignment being evaluated (for the prototype-pollution sink). */
  assignedValue: Expression | undefined;
  /** Functions whose summary is being computed, innermost last. */
  readonly summaryStack: FunctionInfo[] = [];
  readonly staleClosures = new Map<FunctionInfo, Set<FunctionInfo>>();
  /** Signatures of the pollution hits already in a summary. */
  readonly pollutionSeen = new WeakMap<Summary, Set<string>>();

  constructor(
    files: readonly ParsedFile[],
    readonly opts: InterpreterOptions,
  ) {
    this.files = new Map(files.map((f) => [f.path, f]));
    // Bounds the work of re-applying summaries (deferred callbacks can branch at every level).
    this.maxApplications = 20_000 + 200 * (opts.programLines ?? files.reduce((n, f) => n + f.lineStarts.length, 0));
    this.lastCheck = opts.clock?.() ?? 0;
  }

  // ---------------------------------------------------------------- modules

  /** Evaluate every module's top-level code (imports first, on demand). */
  evaluateAll(): void {
    for (const file of this.files.values()) this.evaluateModule(file);
  }

  /** Evaluate a module once and return its exports. */
  evaluateModule(file: ParsedFile): Value {
    let rec = this.modules.get(file.path);
    if (rec) return rec.status === 'running' ? rec.exports : rec.exports;
    const scope: Scope = { vars: new Map(), parent: undefined, isFunction: true };
    const moduleCell: Cell = { name: 'module', joined: EMPTY };
    const exportsCell: Cell = { name: 'exports', joined: EMPTY };
    // `exports.a.b = f` and `module.exports.a.b = f` update these cells (`exports.a = f` updates the record).
    rec = { file, scope, exports: makeValue({ props: new Map() }), status: 'running', exportAliases: new Set([exportsCell]), moduleCell };
    this.modules.set(file.path, rec);
    scope.vars.set('module', moduleCell);
    scope.vars.set('exports', exportsCell);
    const frame = this.newFrame(undefined, file, rec, EMPTY);
    try {
      this.evalProgram(frame, file.program);
    } catch (error: unknown) {
      catchBudget(this, error, file.path);
    }
    rec.exports = joinExportAliases(rec.exports, rec.exportAliases, rec.moduleCell);
    rec.status = 'done';
    return rec.exports;
  }

  diag(code: Diagnostic['code'], file: string, message: string, line?: number): void {
    this.diagnostics.push({ code, file, message, ...(line ? { line } : {}) });
  }

  newFrame(fn: FunctionInfo | undefined, file: ParsedFile, module: ModuleRecord, thisVal: Value): Frame {
    return {
      fn,
      file,
      module,
      state: new Map(),
      terminated: false,
      ret: EMPTY,
      summary: { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() },
      thisVal,
      enclosing: fn?.name ?? '<module>',
      applied: new Map(),
      sinkIndex: new Map(),
    };
  }

  moduleOf(file: ParsedFile): ModuleRecord {
    const rec = this.modules.get(file.path);
    if (rec) return rec;
    this.evaluateModule(file);
    const done = this.modules.get(file.path);
    if (!done) throw new Error(`module ${file.path} not recorded`);
    return done;
  }

  importModule(frame: Frame, spec: string, node: Node): Value {
    const res = resolveModule(this.opts.resolution, frame.file.path, spec);
    if (res.kind === 'file') {
      const target = this.files.get(res.path);
      if (!target) {
        if (this.opts.outsidePart?.(res.path) === true) this.leftPart ??= res.path;
        return EMPTY; // JSON or non-code file
      }
      return this.evaluateModule(target);
    }
    if (res.kind === 'unresolved') {
      this.diag('UNRESOLVED_IMPORT', frame.file.path, `Cannot resolve '${spec}'`, this.loc(frame, node).startLine);
      return EMPTY;
    }
    return this.apiValue(frame, this.rootApi('m:', res.module), node);
  }

  private evalProgram(frame: Frame, program: Program): void {
    const scope = frame.module.scope;
    // Imports are hoisted: evaluate imported modules before the body.
    for (const st of program.body) {
      if (st.type === 'ImportDeclaration') this.evalImport(frame, scope, st);
    }
    this.hoist(frame, scope, program.body);
    for (const st of program.body) {
      if (st.type === 'ImportDeclaration') continue;
      evalStatement(this, frame, scope, st);
    }
  }

  private evalImport(frame: Frame, scope: Scope, st: Extract<Statement, { type: 'ImportDeclaration' }>): void {
    if (st.importKind === 'type') return;
    const mod = this.importModule(frame, st.source.value, st);
    for (const spec of st.specifiers) {
      let v: Value;
      if (spec.type === 'ImportSpecifier') {
        const imported = spec.imported.type === 'Literal' ? spec.imported.value : spec.imported.name;
        v = this.readMember(frame, mod, imported, spec);
      } else if (spec.type === 'ImportDefaultSpecifier') {
        const d = mod.props?.get('default');
        v = d ?? mod;
      } else v = mod;
      this.declare(frame, scope, spec.local.name, v);
    }
  }

  setExport(frame: Frame, name: string, v: Value): void {
    const rec = frame.module;
    const props = copyMap(rec.exports.props);
    props.set(name, v);
    rec.exports = valueWith(rec.exports, { props });
  }

  // ---------------------------------------------------------------- scopes and state

  lookup(scope: Scope, name: string): Cell | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const c = s.vars.get(name);
      if (c) return c;
    }
    return undefined;
  }

  declare(frame: Frame, scope: Scope, name: string, v: Value): Cell {
    let cell = scope.vars.get(name);
    if (!cell) {
      cell = { name, joined: EMPTY };
      scope.vars.set(name, cell);
    }
    this.write(frame, cell, v);
    return cell;
  }

  write(frame: Frame, cell: Cell, v: Value): void {
    this.elementFacts.forget(frame.state, cell);
    frame.state.set(cell, v);
    cell.joined = join(cell.joined, v);
  }

  read(frame: Frame, cell: Cell): Value {
    return frame.state.get(cell) ?? cell.joined;
  }

  functionScope(scope: Scope): Scope {
    let s = scope;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }

  hoist(frame: Frame, scope: Scope, body: readonly Statement[]): void {
    for (const st of body) {
      let decl: Node | null | undefined = st;
      if (st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration') decl = st.declaration;
      if (decl?.type === 'FunctionDeclaration' && decl.id) {
        const fn = this.functionInfo(frame, scope, decl, decl.id.name);
        this.declare(frame, scope, decl.id.name, makeValue({ funcs: [funcRef(fn.id)] }));
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  evalExpr(frame: Frame, scope: Scope, e: Expression): Value {
    enter(this, frame);
    try {
      return this.evalExprInner(frame, scope, e);
    } finally {
      this.nesting--;
    }
  }

  private evalExprInner(frame: Frame, scope: Scope, e: Expression): Value {
    switch (e.type) {
      case 'Literal':
        if ('regex' in e) return makeValue({ regexes: [{ ...e.regex, site: regexSite(this, frame, e) }] });
        if (typeof e.value === 'string') return constString(e.value);
        if (typeof e.value === 'number') return makeValue({ isNumber: true, num: e.value });
        if (typeof e.value === 'boolean') return makeValue({ bool: e.value });
        return EMPTY;
      case 'TemplateLiteral': {
        const parts = e.expressions.map((x, i) => {
          const v = asShellQuotedPart(asText(this.evalExpr(frame, scope, x)), e.quasis[i]?.value.cooked ?? undefined, i === 0);
          urlAttributeSink(this, frame, e.quasis[i]?.value.cooked ?? undefined, x, v);
          if (!this.messageText.has(e)) sqlQuotedSink(this, frame, e.quasis[i]?.value.cooked ?? undefined, e.quasis[i + 1]?.value.cooked ?? undefined, x, v);
          return v;
        });
        if (parts.length === 0) return constString(e.quasis.map((q) => q.value.cooked ?? '').join(''));
        return joinAll(parts.map((p, i) => appendedPart(taintsOf(p), i > 0 ? '/' : (e.quasis[0]?.value.cooked ?? ''))));
      }
      case 'Identifier':
        return this.evalIdentifier(frame, scope, e.name, e);
      case 'ThisExpression':
        return frame.thisVal;
      case 'MemberExpression': {
        const obj = this.evalExpr(frame, scope, e.object);
        if (!e.computed && e.object.type === 'ThisExpression' && e.property.type === 'Identifier' && this.nullProtoFieldsOf(frame.file).has(e.property.name)) {
          return valueWith(this.readMember(frame, obj, e.property.name, e), { nullProto: true });
        }
        if (!e.computed && e.object.type === 'Identifier' && this.elementFacts.hasField(e.property.name)) {
          const cell = this.lookup(scope, e.object.name);
          const refined = cell ? this.elementFacts.readField(frame.state, cell, e.property.name) : undefined;
          if (refined) return refined;
        }
        // `arr[arr.length - 1]`: the element an array literal or a `push` put last (`o[k] = [o[k], {}]`).
        const last = e.computed && isLastIndexOf(e.property, e.object, frame.file.text) ? obj.props?.get(LAST_ELEMENT) : undefined;
        if (last) return last;
        if (!e.computed || e.property.type === 'Literal') {
          const name = memberName(this, frame, scope, e);
          const read = this.readMember(frame, obj, name, e);
          // `this.x = f.bind(this); return this.x`: this function's own writes to `this` (kept in its summary) are readable.
          const written = e.object.type === 'ThisExpression' && name !== undefined ? frame.summary.thisProps.get(name) : undefined;
          return written ? join(read, written) : read;
        }
        // Looked up before the key runs: `parts[i++]` reads the element at the old `i`.
        const refined = this.refinedElement(frame, scope, e);
        const key = this.evalExpr(frame, scope, e.property);
        const read = refined ?? this.readMember(frame, obj, key.str, e);
        return key.str === undefined && !obj.nullProto && !this.ownKeys.isOwnKeyRead(scope, e) ? withReach(read, key, obj) : read;
      }
      case 'ChainExpression':
        return this.evalExpr(frame, scope, e.expression);
      case 'CallExpression':
        return evalCall(this, frame, scope, e);
      case 'NewExpression':
        return evalNew(this, frame, scope, e);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return this.functionValue(frame, scope, e, this.takeHint());
      case 'ClassExpression':
        return this.evalClass(frame, scope, e, e.id?.name ?? this.takeHint() ?? '<anonymous>');
      case 'AssignmentExpression': {
        if (e.left.type === 'Identifier') this.nameHint = e.left.name;
        else if (e.left.type === 'MemberExpression' && !e.left.computed) this.nameHint = e.left.property.name;
        let v = this.evalExpr(frame, scope, e.right);
        this.nameHint = undefined;
        if (e.operator !== '=') {
          const old = this.evalExpr(frame, scope, e.left as Expression);
          v = e.operator === '+=' || e.operator === '||=' || e.operator === '&&=' || e.operator === '??=' ? join(taintsOf(old), taintsOf(v)) : sanitize(join(taintsOf(old), taintsOf(v)), NUMERIC_CLEAN);
        }
        if (e.left.type === 'Identifier') {
          builtinSecretSink(this, frame, e.left.name, v, e);
          v = addStep(v, this.step(frame, e, 'step', `assigned to ${e.left.name}`), this.opts.maxPathLength);
        }
        const outer = this.assignedValue;
        this.assignedValue = e.right;
        assignTo(this, frame, scope, e.left as Expression, v);
        this.assignedValue = outer;
        if (e.left.type === 'Identifier') notePathParts(this, frame, scope, e.left.name, e.operator === '=' ? e.right : undefined);
        if (e.left.type === 'Identifier') noteUnset(this, scope, e.left.name, false);
        if (e.operator === '=') noteExportAlias(this, frame, scope, e.left, e.right);
        if (e.left.type === 'Identifier') this.ownKeys.bindAssignment(scope, e.left.name, e.operator === '=' ? e.right : undefined);
        return v;
      }
      case 'SequenceExpression': {
        let last = EMPTY;
        for (const x of e.expressions) last = this.evalExpr(frame, scope, x);
        return last;
      }
      case 'ConditionalExpression': {
        // Each branch sees what the test proves (`src && isPlainObject(src) ? src : {}`).
        const test = this.evalExpr(frame, scope, e.test);
        const before = frame.state;
        frame.state = copyMap(before);
        applyRefinement(this, frame, scope, e.test, true);
        const yes = this.evalExpr(frame, scope, e.consequent);
        const s1 = frame.state;
        frame.state = copyMap(before);
        applyRefinement(this, frame, scope, e.test, false);
        const no = this.evalExpr(frame, scope, e.alternate);
        frame.state = mergeStates(this, s1, frame.state);
        if (test.cond) return joinTests(tagBranch(yes, no, test.cond), tagBranch(no, yes, negate(test.cond)));
        return joinTests(yes, no);
      }
      case 'LogicalExpression':
        return joinTests(this.evalExpr(frame, scope, e.left), this.evalExpr(frame, scope, e.right));
      case 'BinaryExpression': {
        let l = e.left.type === 'PrivateIdentifier' ? EMPTY : this.evalExpr(frame, scope, e.left);
        let r = this.evalExpr(frame, scope, e.right);
        if (e.operator === '+') {
          l = asText(l);
          r = asText(r);
          r = asShellQuotedPart(r, l.str ?? trailingLiteral(e.left), l.str !== undefined);
          if (l.str !== undefined && r.str !== undefined) return constString(l.str + r.str);
          urlAttributeSink(this, frame, l.str ?? trailingLiteral(e.left), e.right, r);
          const hole = this.concatHoles.get(e.left);
          this.concatHoles.delete(e.left);
          if (hole && !this.messageText.has(e)) sqlQuotedSink(this, frame, hole.before, r.str ?? leadingLiteral(e.right), hole.node, hole.value);
          if (r.taints.length > 0) this.concatHoles.set(e, { before: l.str ?? trailingLiteral(e.left), node: e.right, value: r });
          if (l.isNumber && r.isNumber) return valueWith(join(taintsOf(l), taintsOf(r)), { isNumber: true });
          return join(taintsOf(l), appendedPart(taintsOf(r), l));
        }
        if (['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>'].includes(e.operator)) {
          return valueWith(sanitize(join(taintsOf(l), taintsOf(r)), NUMERIC_CLEAN), { isNumber: true });
        }
        // Comparisons give booleans; `opts.x !== undefined` is a test the caller's argument may decide.
        const cond = e.left.type === 'PrivateIdentifier' ? undefined : comparisonCondition(e.operator, e.left, l, e.right, r, (x) => this.typeofOperand(frame, scope, x));
        return cond ? makeValue({ cond }) : EMPTY;
      }
      case 'UnaryExpression': {
        const v = this.evalExpr(frame, scope, e.argument);
        if (e.operator === '+' || e.operator === '-' || e.operator === '~') return valueWith(sanitize(taintsOf(v), NUMERIC_CLEAN), { isNumber: true });
        if (e.operator === 'typeof') return EMPTY;
        if (e.operator === '!' && v.cond) return makeValue({ cond: negate(v.cond) });
        if (e.operator === 'void') return UNDEFINED;
        return EMPTY;
      }
      case 'UpdateExpression': {
        const cell = e.argument.type === 'Identifier' ? this.lookup(scope, e.argument.name) : undefined;
        if (cell) this.elementFacts.forget(frame.state, cell);
        return makeValue({ isNumber: true });
      }
      case 'AwaitExpression': {
        const v = this.evalExpr(frame, scope, e.argument);
        return v;
      }
      case 'YieldExpression':
        return e.argument ? this.evalExpr(frame, scope, e.argument) : EMPTY;
      case 'ObjectExpression': {
        const props = new Map<string, Value>();
        let taints = EMPTY;
        let closed = true;
        for (const p of e.properties) {
          if (p.type === 'SpreadElement') {
            const v = this.evalExpr(frame, scope, p.argument);
            for (const [k, pv] of v.props ?? []) props.set(k, pv);
            taints = join(taints, taintsOf(v));
            if (!v.closed && !isEmpty(v)) closed = false;
            continue;
          }
          const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
          if (p.computed && key === undefined && p.key.type !== 'PrivateIdentifier') this.evalExpr(frame, scope, p.key);
          this.nameHint = key;
          const v = this.evalExpr(frame, scope, p.value);
          this.nameHint = undefined;
          if (key !== undefined && SECRET_NAME.test(key)) builtinSecretSink(this, frame, key, v, p);
          props.set(key ?? '*', join(props.get(key ?? '*') ?? EMPTY, v));
          taints = join(taints, taintsOf(v));
        }
        return valueWith(taints, closed && !props.has('*') ? { props, closed } : { props });
      }
      case 'ArrayExpression': {
        let elems = EMPTY;
        const strs: string[] = [];
        let allStr = true;
        let lastValue: Value | undefined;
        for (const el of e.elements) {
          if (!el) continue;
          const v = el.type === 'SpreadElement' ? this.readMember(frame, this.evalExpr(frame, scope, el.argument), undefined, el) : this.evalExpr(frame, scope, el);
          lastValue = v;
          if (v.str === undefined) allStr = false;
          else strs.push(v.str);
          elems = join(elems, v);
        }
        const props = new Map([['*', elems]]);
        if (lastValue && e.elements.at(-1) && !e.elements.some((el) => el?.type === 'SpreadElement')) props.set(LAST_ELEMENT, lastValue);
        return valueWith(taintsOf(elems), allStr ? { props, strs } : { props });
      }
      case 'TaggedTemplateExpression': {
        const parts = e.quasi.expressions.map((x) => this.evalExpr(frame, scope, x));
        const tag = this.evalExpr(frame, scope, e.tag);
        return performCall(this, frame, tag, undefined, undefined, [EMPTY, ...parts], e as unknown as CallExpression, false);
      }
      case 'ImportExpression': {
        const src = this.evalExpr(frame, scope, e.source);
        if (src.str !== undefined) return this.importModule(frame, src.str, e);
        // `import(x)` with a computed specifier: the `import` global of the models (code loading).
        const site = { file: frame.file, node: e as unknown as CallExpression, enclosing: frame.enclosing };
        return callApi(this, frame, { root: 'g:import', tokens: [], name: 'import' }, undefined, [src], site, false)?.value ?? EMPTY;
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ParenthesizedExpression':
        return this.evalExpr(frame, scope, e.expression);
      case 'JSXElement':
      case 'JSXFragment':
        return EMPTY;
      default:
        return EMPTY;
    }
  }

  /** Mark the text of an error: a string, or each link of a `+` chain (see {@link messageText}). */
  noteMessageText(e: Node): void {
    let x: Node = e;
    while (x.type === 'ParenthesizedExpression') x = x.expression;
    this.messageText.add(x);
    if (x.type === 'BinaryExpression' && x.operator === '+') this.noteMessageText(x.left);
  }

  private nullProtoFieldsOf(file: ParsedFile): ReadonlySet<string> {
    let fields = this.nullProtoFieldsByFile.get(file);
    if (!fields) this.nullProtoFieldsByFile.set(file, (fields = nullProtoFields(file.program)));
    return fields;
  }

  private takeHint(): string | undefined {
    const h = this.nameHint;
    this.nameHint = undefined;
    return h;
  }

  private evalIdentifier(frame: Frame, scope: Scope, name: string, node: Node): Value {
    const cell = this.lookup(scope, name);
    if (cell) {
      if (cell.name === 'module' && cell === frame.module.scope.vars.get('module')) return makeValue({ props: new Map([['exports', frame.module.exports]]) });
      if (cell.name === 'exports' && cell === frame.module.scope.vars.get('exports')) return frame.module.exports;
      return this.read(frame, cell);
    }
    if (name === 'undefined') return UNDEFINED;
    if (name === 'NaN' || name === 'Infinity') return EMPTY;
    return this.apiValue(frame, this.rootApi('g:', name), node);
  }

  /** Value of an API reference, with the taint of any source model it matches. */
  apiValue(frame: Frame, ref: ApiRef, node: Node): Value {
    const sources = this.opts.models.sources.get(ref.root);
    // Values are immutable: a reference no source model matches has one value.
    if (!sources?.some((s) => pathMatches(s.path, ref.tokens))) {
      let plain = this.plainApiValues.get(ref);
      if (!plain) this.plainApiValues.set(ref, (plain = makeValue({ apis: [ref] })));
      return plain;
    }
    let v: Value = makeValue({ apis: [ref] });
    for (const s of sources) {
      if (!pathMatches(s.path, ref.tokens)) continue;
      const location = this.loc(frame, node);
      const origin: SourceOrigin = {
        kind: 'source',
        key: `s:${location.file}:${node.start}:${s.model.label}`,
        label: s.model.label,
        description: s.model.description,
        location,
        text: this.text(frame, node),
      };
      v = join(v, taintOnly([makeTaint(origin, undefined, 0, false)]));
    }
    return v;
  }

  extendApi(ref: ApiRef, token: string): ApiRef | undefined {
    if (ref.tokens.length >= 10) return undefined;
    // References are immutable: one object per reference and token, not a copy of its tokens at every read.
    let byToken = this.extendedApis.get(ref);
    if (!byToken) this.extendedApis.set(ref, (byToken = new Map<string, ApiRef>()));
    let out = byToken.get(token);
    if (!out) {
      const member = token.startsWith('Member:') ? token.slice(7) : undefined;
      out = { root: ref.root, tokens: [...ref.tokens, token], name: member !== undefined ? `${ref.name}.${member}` : ref.name };
      byToken.set(token, out);
    }
    return out;
  }

  /** The reference of a model root itself (`g:JSON`, `m:fs`, `meth:map`), one object per root. */
  rootApi(prefix: 'g:' | 'm:' | 'meth:', name: string): ApiRef {
    const root = `${prefix}${name}`;
    let ref = this.rootApis.get(root);
    if (!ref) this.rootApis.set(root, (ref = { root, tokens: [], name }));
    return ref;
  }

  /** `parts[i]` or `parts[i++]` while a guard on `parts[i]` holds: the element as the guard refined it. */
  private refinedElement(frame: Frame, scope: Scope, e: Extract<Expression, { type: 'MemberExpression' }>): Value | undefined {
    const p = e.property;
    const index = p.type === 'Identifier' ? p : p.type === 'UpdateExpression' && !p.prefix && p.argument.type === 'Identifier' ? p.argument : undefined;
    if (!index || e.object.type !== 'Identifier') return undefined;
    const indexCell = this.lookup(scope, index.name);
    const arrayCell = this.lookup(scope, e.object.name);
    return indexCell && arrayCell ? this.elementFacts.read(frame.state, indexCell, arrayCell) : undefined;
  }

  /** The value `typeof x` looks at, for a side-effect free `x` (an identifier or a member chain). */
  private typeofOperand(frame: Frame, scope: Scope, x: Expression): Value | undefined {
    let m: Expression = x;
    while (m.type === 'MemberExpression' && !m.computed) m = m.object;
    return m.type === 'Identifier' || m.type === 'ThisExpression' ? this.evalExpr(frame, scope, x) : undefined;
  }

  /** Read `obj.name` (`undefined`: unknown key). */
  readMember(frame: Frame, obj: Value, name: string | undefined, node: Node): Value {
    let out = this.readField(obj, name);
    if (name !== undefined) {
      for (const ref of obj.apis) {
        const ext = this.extendApi(ref, `Member:${name}`);
        if (ext) out = join(out, this.apiValue(frame, ext, node));
      }
      for (const c of obj.instances) {
        const m = this.findMethod(c.classId, name, false);
        if (m) out = join(out, makeValue({ funcs: [funcRef(m.id, obj)] }));
      }
      for (const c of obj.classes) {
        const m = this.findMethod(c.classId, name, true);
        if (m) out = join(out, makeValue({ funcs: [funcRef(m.id, obj)] }));
      }
      if (name === 'length' && (obj.str !== undefined || obj.strs)) out = join(out, makeValue({ isNumber: true }));
      if (obj.closed && !obj.props?.get(name)) out = join(out, UNDEFINED);
      if (name === 'prototype' && obj.classes.length) out = join(out, makeValue({ instances: obj.classes }));
    }
    return out;
  }

  /**
   * The part of `obj.name` that depends on the object alone: its fields, and for a tainted object or a parameter
   * the field's taint or longer parameter path. Values are immutable, so it is computed once per object and key.
   */
  private readField(obj: Value, name: string | undefined): Value {
    const exact = name !== undefined ? obj.props?.get(name) : undefined;
    if (exact) return exact;
    if (!obj.props && !obj.aliases && obj.taints.length === 0) return EMPTY;
    let byName = this.fieldReads.get(obj);
    if (!byName) this.fieldReads.set(obj, (byName = new Map<string | undefined, Value>()));
    let out = byName.get(name);
    if (out === undefined) byName.set(name, (out = fieldOf(obj, name)));
    return out;
  }

  private findMethod(classId: number, name: string, isStatic: boolean): FunctionInfo | undefined {
    for (let depth = 0, id: number | undefined = classId; id !== undefined && depth < 8; depth++) {
      const cls: ClassInfo | undefined = this.classes[id];
      if (!cls) return undefined;
      const m = (isStatic ? cls.staticMethods : cls.methods).get(name);
      if (m) return m;
      id = cls.superClass?.classes[0]?.classId;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- functions and classes

  private functionInfo(frame: Frame, scope: Scope, node: FunctionLike, name: string | undefined, classId?: number): FunctionInfo {
    const known = this.fnByNode.get(node);
    if (known) return known;
    const info: FunctionInfo = {
      id: this.functions.length,
      node,
      name: node.type !== 'ArrowFunctionExpression' && node.id ? node.id.name : (name ?? '<anonymous>'),
      file: frame.file,
      scope,
      classId,
      summary: undefined,
      status: 'new',
      reentered: false,
      redone: 0,
      shape: undefined,
    };
    this.functions.push(info);
    this.fnByNode.set(node, info);
    return info;
  }

  functionValue(frame: Frame, scope: Scope, node: FunctionLike, name: string | undefined): Value {
    const fn = this.functionInfo(frame, scope, node, name);
    return makeValue({ funcs: [funcRef(fn.id, node.type === 'ArrowFunctionExpression' ? frame.thisVal : undefined)] });
  }

  evalClass(frame: Frame, scope: Scope, node: Class, name: string): Value {
    let cls = this.classByNode.get(node);
    if (!cls) {
      cls = { id: this.classes.length, node, name, file: frame.file, ctor: undefined, methods: new Map(), staticMethods: new Map(), superClass: undefined };
      this.classes.push(cls);
      this.classByNode.set(node, cls);
    }
    if (node.superClass) cls.superClass = this.evalExpr(frame, scope, node.superClass);
    for (const m of node.body.body) {
      if (m.type !== 'MethodDefinition' && m.type !== 'TSAbstractMethodDefinition') continue;
      const key = !m.computed && m.key.type === 'Identifier' ? m.key.name : m.key.type === 'Literal' ? String(m.key.value) : m.key.type === 'PrivateIdentifier' ? `#${m.key.name}` : undefined;
      if (key === undefined) continue;
      const fn = this.functionInfo(frame, scope, m.value, `${name}.${key}`, cls.id);
      if (m.kind === 'constructor') cls.ctor = fn;
      else (m.static ? cls.staticMethods : cls.methods).set(key, fn);
    }
    return makeValue({ classes: [{ classId: cls.id }] });
  }

  // ---------------------------------------------------------------- locations

  loc(frame: Frame, node: Node): Location {
    return locationOf(frame.file, node.start, node.end);
  }

  text(frame: Frame, node: Node): string {
    return frame.file.text.slice(node.start, Math.min(node.end, node.start + 120));
  }

  /** A number that tells files apart in memo keys: a node's offset alone names a place only within its file. */
  fileId(file: ParsedFile): number {
    let id = this.fileIds.get(file);
    if (id === undefined) this.fileIds.set(file, (id = this.fileIds.size));
    return id;
  }

  /**
   * A number per structural key of a value ({@link valueKey}): equal for values that behave the same passed to a
   * summary. Memo keys of summary applications are built from these instead of the keys themselves, which run to
   * hundreds of characters for objects, and were hashed and compared whole at every application.
   */
  valueId(v: Value): number {
    let id = this.idsOfValues.get(v);
    if (id === undefined) {
      const key = valueKey(v);
      id = this.valueIds.get(key);
      if (id === undefined) this.valueIds.set(key, (id = this.valueIds.size));
      this.idsOfValues.set(v, id);
    }
    return id;
  }

  step(frame: Frame, node: Node, kind: FlowStep['kind'], message: string): FlowStep {
    return { kind, location: this.loc(frame, node), message };
  }

  /** Call a function as an entry point with the given arguments (library threat model). */
  callAsEntry(fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[]): Value {
    const frame = this.newFrame(undefined, fn.file, this.moduleOf(fn.file), EMPTY);
    try {
      return applySummary(this, frame, fn, thisVal, args, fn.node);
    } catch (error: unknown) {
      catchBudget(this, error, fn.file.path);
      return EMPTY;
    }
  }

  /**
   * Whether a regex matches in linear time on every input (regex/linear-time.ts): then it is no ReDoS sink. Decided
   * once per pattern: the helpers of a large library test their arguments against the same few patterns at every call.
   */
  isLinearTime(regex: RegexValue): boolean {
    const key = `${regex.flags}/${regex.pattern}`;
    let linear = this.linearTime.get(key);
    if (linear === undefined) this.linearTime.set(key, (linear = isLinearTimeRegex(regex.pattern, regex.flags)));
    return linear;
  }

  /** Library threat model: a regex the package hands out (exported or returned) meets its consumers' input. */
  exposeRegex(regex: RegexValue, how: string): void {
    if (this.isLinearTime(regex)) return;
    const flow = exposedRegexFlow(regex, how, this.opts.defaultLabels);
    if (flow && !this.flows.some((f) => f.source.key === flow.source.key)) this.addFlow(flow);
  }

  /** Record a concrete flow; a regex it reaches is announced to `onTaintedRegex` (its check may start now). */
  addFlow(flow: RawFlow): void {
    this.flows.push(flow);
    const details = flow.site.details;
    // A pattern of a table gets only the rule's cheap checks: starting its full check would waste a thread.
    if (flow.site.kind === 'redos' && typeof details?.pattern === 'string' && details.table !== true) this.opts.onTaintedRegex?.(details.pattern, typeof details.flags === 'string' ? details.flags : '');
  }

  /** Construct an exported class as an entry point. */
  constructAsEntry(cls: ClassInfo, args: readonly Value[]): Value {
    const frame = this.newFrame(undefined, cls.file, this.moduleOf(cls.file), EMPTY);
    try {
      return construct(this, frame, cls.id, args, cls.node);
    } catch (error: unknown) {
      catchBudget(this, error, cls.file.path);
      return EMPTY;
    }
  }

  /** Summarise every function not reached yet, so flows inside uncalled code are found too. */
  summarizeAll(): void {
    // Functions discovered while summarising are appended and visited too.
    for (const fn of this.functions) if (fn.status === 'new') summarize(this, fn);
  }

  /** Deferred calls recorded in summaries are re-run at call sites; expose for tests. */
  pendingCalls(fn: FunctionInfo): readonly DeferredCall[] {
    return fn.summary?.calls ?? [];
  }
}

/** `x.length - 1` where `x` is the same expression as `object`. */
function isLastIndexOf(prop: Node, object: Node, text: string): boolean {
  if (prop.type !== 'BinaryExpression' || prop.operator !== '-' || prop.right.type !== 'Literal' || prop.right.value !== 1) return false;
  const len = prop.left;
  if (len.type !== 'MemberExpression' || len.computed || len.property.type !== 'Identifier' || len.property.name !== 'length') return false;
  return text.slice(len.object.start, len.object.end) === text.slice(object.start, object.end);
}

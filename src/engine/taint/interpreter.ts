import type {
  BindingPattern,
  CallExpression,
  Class,
  Expression,
  NewExpression,
  Node,
  Program,
  Statement,
} from 'oxc-parser';

import type { Diagnostic, FlowStep, Location, TaintLabel } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import { locationOf } from '../parse/parse-files.js';
import type { ResolutionContext } from '../program/resolve-module.js';
import { resolveModule } from '../program/resolve-module.js';
import type { ModelIndex } from './access-path.js';
import type { CompiledCondition, PathMatcher } from './access-path.js';
import { pathMatches } from './access-path.js';
import type { IsModuleBinding } from './export-aliases.js';
import { isExportsObject, isExportsReference, joinExportAliases } from './export-aliases.js';
import type { GuardContext } from './guards.js';
import { assignedNames, isUnsetInit, truthySubject } from './guarded-assignments.js';
import type { Refinement, Subject } from './guards.js';
import { predicateRefinements, refineCondition, subjectOf } from './guards.js';
import { asUrlAttributeValue, trailingLiteral, urlAttributeOpenedBy } from './html-context.js';
import { appendedPart, derivedPathArgs, isCallerChosenPath, pathCallArgs } from './path-composition.js';
import type { RegexValue } from './regex-values.js';
import { constantArrayJoin, exposedRegexFlow, isBoundedSlice, isRegexEscape, regexDetails } from './regex-values.js';
import type {
  Cell,
  ClassInfo,
  DeferredCall,
  FunctionInfo,
  FunctionLike,
  FunctionShape,
  Scope,
  SinkSite,
  Summary,
} from './program-model.js';
import { nullProtoFields } from './null-proto-fields.js';
import { OwnKeyTracker } from './own-keys.js';
import { computeShape } from './program-model.js';
import { isOneOf, sinkMembers } from './sink-members.js';
import type { ApiRef, ClosureEnv, FuncRef, ParamOrigin, SourceOrigin, Taint, Value } from './value.js';
import {
  addStep,
  concatSteps,
  constString,
  EMPTY,
  isEmpty,
  join,
  joinAll,
  kindBit,
  kindsMask,
  isPollutionClean,
  LENGTH_BOUNDED,
  NUMERIC_CLEAN,
  PP_CTOR_BLOCKED,
  PP_PROTO_BLOCKED,
  pushStep,
  sanitize,
  taintKey,
  taintOnly,
  taintsOf,
  valueKey,
  weaken,
} from './value.js';

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
}

/** Thrown to abandon the current body when a budget runs out. */
export class BudgetExceededError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

interface Frame {
  readonly fn: FunctionInfo | undefined;
  readonly file: ParsedFile;
  readonly module: ModuleRecord;
  state: Map<Cell, Value>;
  terminated: boolean;
  ret: Value;
  readonly summary: Summary;
  readonly thisVal: Value;
  readonly enclosing: string;
  /** Results of summary applications in this frame, by callee and structural argument key. */
  readonly applied: Map<string, Value>;
}

const SECRET_NAME = /token|secret|password|passwd|nonce|salt|session|otp|apikey|api_key|csrf/i;
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
const CALLBACK_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'find', 'some', 'every', 'flatMap', 'then', 'catch', 'finally', 'findLast', 'sort']);
const REGEX_ON_RECEIVER = new Set(['test', 'exec']);
const REGEX_ON_ARGUMENT = new Set(['match', 'matchAll', 'search', 'split', 'replace', 'replaceAll']);
const MAX_NESTING = 300;
const MAX_SUMMARY_NESTING = 60;
const MAX_FIXPOINT = 3;

/**
 * Abstract interpreter over the AST: evaluates statements in order with a state of abstract values,
 * computes function summaries on demand (bottom-up: callees before callers, recursion iterated to a
 * bounded fixpoint) and reports concrete source-to-sink flows.
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
  private readonly fnByNode = new Map<Node, FunctionInfo>();
  private readonly classByNode = new Map<Node, ClassInfo>();
  private readonly exhausted = new Set<string>();
  /** Variables declared unset, and those assigned only under a guard (see guarded-assignments.ts). */
  private readonly unsetCells = new WeakSet<Cell>();
  private readonly guardedBy = new WeakMap<Cell, { readonly refinements: readonly Refinement[]; readonly scope: Scope }>();
  /** Path variables and the parts they were joined from (`dst = resolve(dir, name)` to `name`). */
  private readonly pathParts = new WeakMap<Cell, readonly Subject[]>();
  /** Variables holding a `path.relative()` result. */
  private readonly relativeCells = new WeakSet<Cell>();
  private readonly spent = new Map<string, number>();
  private lastCheck = 0;
  private ticks = 0;
  private nesting = 0;
  private summaryNesting = 0;
  private callDepth = 0;
  private nameHint: string | undefined;
  private applications = 0;
  private readonly maxApplications: number;
  private readonly ownKeys = new OwnKeyTracker((scope, name) => this.lookup(scope, name));
  private readonly nullProtoFieldsByFile = new WeakMap<ParsedFile, ReadonlySet<string>>();
  /** Inline callbacks of array methods: the array variable and the method (`keys.reduce(function (o, k, i) {...})`). */
  private readonly callbackOf = new WeakMap<Node, { readonly array: string; readonly method: string }>();
  /** Right-hand side of the assignment being evaluated (for the prototype-pollution sink). */
  private assignedValue: Expression | undefined;
  /** Functions whose summary is being computed, innermost last. */
  private readonly summaryStack: FunctionInfo[] = [];
  private readonly staleClosures = new Map<FunctionInfo, Set<FunctionInfo>>();
  /** Signatures of the pollution hits already in a summary. */
  private readonly pollutionSeen = new WeakMap<Summary, Set<string>>();

  constructor(
    files: readonly ParsedFile[],
    private readonly opts: InterpreterOptions,
  ) {
    this.files = new Map(files.map((f) => [f.path, f]));
    // Bounds the work of re-applying summaries (deferred callbacks can branch at every level).
    this.maxApplications = 20_000 + 200 * files.reduce((n, f) => n + f.lineStarts.length, 0);
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
    rec = { file, scope, exports: { ...EMPTY, props: new Map() }, status: 'running', exportAliases: new Set([exportsCell]), moduleCell };
    this.modules.set(file.path, rec);
    scope.vars.set('module', moduleCell);
    scope.vars.set('exports', exportsCell);
    const frame = this.newFrame(undefined, file, rec, EMPTY);
    try {
      this.evalProgram(frame, file.program);
    } catch (error: unknown) {
      this.catchBudget(error, file.path);
    }
    rec.exports = joinExportAliases(rec.exports, rec.exportAliases, rec.moduleCell);
    rec.status = 'done';
    return rec.exports;
  }

  private catchBudget(error: unknown, file: string): void {
    if (error instanceof BudgetExceededError) {
      this.exhausted.add(error.file);
      this.diag('BUDGET_EXCEEDED', error.file, error.message);
    } else if (error instanceof RangeError) {
      this.diag('BUDGET_EXCEEDED', file, `Stack exhausted: ${error.message}`);
    } else throw error;
  }

  private diag(code: Diagnostic['code'], file: string, message: string, line?: number): void {
    this.diagnostics.push({ code, file, message, ...(line ? { line } : {}) });
  }

  private newFrame(fn: FunctionInfo | undefined, file: ParsedFile, module: ModuleRecord, thisVal: Value): Frame {
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
    };
  }

  private moduleOf(file: ParsedFile): ModuleRecord {
    const rec = this.modules.get(file.path);
    if (rec) return rec;
    this.evaluateModule(file);
    const done = this.modules.get(file.path);
    if (!done) throw new Error(`module ${file.path} not recorded`);
    return done;
  }

  private importModule(frame: Frame, spec: string, node: Node): Value {
    const res = resolveModule(this.opts.resolution, frame.file.path, spec);
    if (res.kind === 'file') {
      const target = this.files.get(res.path);
      if (!target) return EMPTY; // JSON or non-code file
      return this.evaluateModule(target);
    }
    if (res.kind === 'unresolved') {
      this.diag('UNRESOLVED_IMPORT', frame.file.path, `Cannot resolve '${spec}'`, this.loc(frame, node).startLine);
      return EMPTY;
    }
    return this.apiValue(frame, { root: `m:${res.module}`, tokens: [], name: res.module }, node);
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
      this.evalStatement(frame, scope, st);
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

  private setExport(frame: Frame, name: string, v: Value): void {
    const rec = frame.module;
    const props = new Map(rec.exports.props);
    props.set(name, v);
    rec.exports = { ...rec.exports, props };
  }

  // ---------------------------------------------------------------- scopes and state

  private lookup(scope: Scope, name: string): Cell | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const c = s.vars.get(name);
      if (c) return c;
    }
    return undefined;
  }

  private declare(frame: Frame, scope: Scope, name: string, v: Value): Cell {
    let cell = scope.vars.get(name);
    if (!cell) {
      cell = { name, joined: EMPTY };
      scope.vars.set(name, cell);
    }
    this.write(frame, cell, v);
    return cell;
  }

  private write(frame: Frame, cell: Cell, v: Value): void {
    frame.state.set(cell, v);
    cell.joined = join(cell.joined, v);
  }

  private read(frame: Frame, cell: Cell): Value {
    return frame.state.get(cell) ?? cell.joined;
  }

  private functionScope(scope: Scope): Scope {
    let s = scope;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }

  private hoist(frame: Frame, scope: Scope, body: readonly Statement[]): void {
    for (const st of body) {
      let decl: Node | null | undefined = st;
      if (st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration') decl = st.declaration;
      if (decl?.type === 'FunctionDeclaration' && decl.id) {
        const fn = this.functionInfo(frame, scope, decl, decl.id.name);
        this.declare(frame, scope, decl.id.name, { ...EMPTY, funcs: [{ fnId: fn.id }] });
      }
    }
  }

  // ---------------------------------------------------------------- budgets

  private tick(frame: Frame): void {
    if (++this.ticks % 256 !== 0) return;
    const clock = this.opts.clock;
    if (!clock) return;
    const now = clock();
    const spent = (this.spent.get(frame.file.path) ?? 0) + (now - this.lastCheck);
    this.lastCheck = now;
    this.spent.set(frame.file.path, spent);
    if (spent > this.opts.maxMillisPerFile) {
      throw new BudgetExceededError(frame.file.path, `Time budget of ${this.opts.maxMillisPerFile} ms exceeded; rest of the file skipped`);
    }
  }

  private enter(frame: Frame): void {
    this.tick(frame);
    if (++this.nesting > MAX_NESTING) {
      this.nesting = 0;
      throw new BudgetExceededError(frame.file.path, `Nesting deeper than ${MAX_NESTING} levels; rest of the body skipped`);
    }
  }

  // ---------------------------------------------------------------- statements

  private evalBlock(frame: Frame, parent: Scope, body: readonly Statement[]): void {
    const scope: Scope = { vars: new Map(), parent, isFunction: false };
    this.hoist(frame, scope, body);
    for (const st of body) {
      if (frame.terminated) return;
      this.evalStatement(frame, scope, st);
    }
  }

  private evalStatement(frame: Frame, scope: Scope, st: Statement): void {
    this.enter(frame);
    try {
      this.evalStatementInner(frame, scope, st);
    } finally {
      this.nesting--;
    }
  }

  private evalStatementInner(frame: Frame, scope: Scope, st: Statement): void {
    switch (st.type) {
      case 'ExpressionStatement':
        this.evalExpr(frame, scope, st.expression);
        return;
      case 'VariableDeclaration':
        for (const d of st.declarations) {
          const target = st.kind === 'var' ? this.functionScope(scope) : scope;
          if (d.id.type === 'Identifier') this.nameHint = d.id.name;
          const v = d.init ? this.evalExpr(frame, scope, d.init) : EMPTY;
          this.nameHint = undefined;
          if (d.id.type === 'Identifier') this.builtinSecretSink(frame, d.id.name, v, d);
          this.bindPattern(frame, target, d.id, d.init ? addStep(v, this.step(frame, d, 'step', `assigned to ${this.text(frame, d.id)}`), this.opts.maxPathLength) : v);
          if (d.init) this.noteExportAlias(frame, target, d.id, d.init);
          if (d.id.type === 'Identifier') this.notePathParts(frame, scope, d.id.name, d.init ?? undefined);
          if (d.id.type === 'Identifier') this.noteUnset(scope, d.id.name, isUnsetInit(d.init));
          if (d.id.type === 'Identifier') this.ownKeys.bindAssignment(target, d.id.name, d.init ?? undefined);
        }
        return;
      case 'FunctionDeclaration':
        return; // hoisted
      case 'ClassDeclaration':
        if (st.id) this.declare(frame, scope, st.id.name, this.evalClass(frame, scope, st, st.id.name));
        return;
      case 'ReturnStatement': {
        if (st.argument) {
          const v = this.evalExpr(frame, scope, st.argument);
          if (frame.fn && SECRET_NAME.test(frame.fn.name)) this.builtinSecretSink(frame, frame.fn.name, v, st);
          frame.ret = join(frame.ret, v);
        }
        frame.terminated = true;
        return;
      }
      case 'ThrowStatement':
        this.evalExpr(frame, scope, st.argument);
        frame.terminated = true;
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        frame.terminated = true;
        return;
      case 'BlockStatement':
        this.evalBlock(frame, scope, st.body);
        return;
      case 'IfStatement':
        this.evalIf(frame, scope, st.test, st.consequent, st.alternate);
        return;
      case 'ForStatement': {
        const loopScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
        if (st.init) {
          if (st.init.type === 'VariableDeclaration') this.evalStatement(frame, loopScope, st.init);
          else this.evalExpr(frame, loopScope, st.init);
        }
        this.evalLoop(frame, loopScope, st.body, () => {
          if (st.test) this.evalExpr(frame, loopScope, st.test);
          if (st.update) this.evalExpr(frame, loopScope, st.update);
        });
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const loopScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
        const right = this.evalExpr(frame, scope, st.right);
        // Keys and elements of a tainted object are tainted.
        const elem = join(taintsOf(right), right.props?.get('*') ?? EMPTY);
        const item = st.type === 'ForInStatement' ? taintsOf(right) : elem;
        this.evalLoop(frame, loopScope, st.body, () => {
          if (st.left.type === 'VariableDeclaration') {
            const d = st.left.declarations[0];
            if (d) this.bindPattern(frame, st.left.kind === 'var' ? this.functionScope(scope) : loopScope, d.id, item);
          } else this.assignTo(frame, loopScope, st.left as Expression, item);
          if (st.type === 'ForInStatement') this.ownKeys.bindForIn(loopScope, st.left, st.right);
        });
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.evalLoop(frame, scope, st.body, () => this.evalExpr(frame, scope, st.test));
        return;
      case 'TryStatement': {
        const before = new Map(frame.state);
        this.evalBlock(frame, scope, st.block.body);
        const afterTry = frame.state;
        const tryTerminated = frame.terminated;
        if (st.handler) {
          frame.state = this.mergeStates(before, afterTry);
          frame.terminated = false;
          const hScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
          if (st.handler.param) this.bindPattern(frame, hScope, st.handler.param, EMPTY);
          this.evalBlock(frame, hScope, st.handler.body.body);
          const handlerTerminated = frame.terminated;
          frame.state = tryTerminated ? frame.state : isTerminated(frame) ? afterTry : this.mergeStates(afterTry, frame.state);
          frame.terminated = tryTerminated && handlerTerminated;
        }
        if (st.finalizer) {
          const t = frame.terminated;
          frame.terminated = false;
          this.evalBlock(frame, scope, st.finalizer.body);
          frame.terminated ||= t;
        }
        return;
      }
      case 'SwitchStatement':
        this.evalSwitch(frame, scope, st);
        return;
      case 'LabeledStatement':
        this.evalStatement(frame, scope, st.body);
        return;
      case 'ExportNamedDeclaration': {
        if (st.exportKind === 'type') return;
        if (st.declaration) {
          const decl = st.declaration;
          this.evalStatement(frame, scope, decl);
          for (const name of declaredNames(decl)) {
            const cell = this.lookup(scope, name);
            if (cell) this.setExport(frame, name, this.read(frame, cell));
          }
        }
        if (st.source) {
          const mod = this.importModule(frame, st.source.value, st);
          for (const s of st.specifiers) {
            const local = s.local.type === 'Literal' ? s.local.value : s.local.name;
            const exported = s.exported.type === 'Literal' ? s.exported.value : s.exported.name;
            this.setExport(frame, exported, local === 'default' ? (mod.props?.get('default') ?? mod) : this.readMember(frame, mod, local, s));
          }
        } else {
          for (const s of st.specifiers) {
            const local = s.local.type === 'Literal' ? s.local.value : s.local.name;
            const exported = s.exported.type === 'Literal' ? s.exported.value : s.exported.name;
            const cell = this.lookup(scope, local);
            this.setExport(frame, exported, cell ? this.read(frame, cell) : EMPTY);
          }
        }
        return;
      }
      case 'ExportDefaultDeclaration': {
        const d = st.declaration;
        let v: Value;
        if (d.type === 'FunctionDeclaration') {
          v = d.id ? this.read(frame, this.lookup(scope, d.id.name) ?? { name: '', joined: EMPTY }) : this.functionValue(frame, scope, d, 'default');
        } else if (d.type === 'ClassDeclaration') {
          v = this.evalClass(frame, scope, d, d.id?.name ?? 'default');
          if (d.id) this.declare(frame, scope, d.id.name, v);
        } else if (d.type === 'TSInterfaceDeclaration') return;
        else {
          this.nameHint = 'default';
          v = this.evalExpr(frame, scope, d);
          this.nameHint = undefined;
        }
        this.setExport(frame, 'default', v);
        return;
      }
      case 'ExportAllDeclaration': {
        const mod = this.importModule(frame, st.source.value, st);
        if (st.exported) {
          const name = st.exported.type === 'Literal' ? st.exported.value : st.exported.name;
          this.setExport(frame, name, mod);
        } else {
          for (const [k, v] of mod.props ?? []) if (k !== 'default') this.setExport(frame, k, v);
        }
        return;
      }
      case 'TSExportAssignment':
        this.setWholeExports(frame, this.evalExpr(frame, scope, st.expression));
        return;
      default:
        return;
    }
  }

  private evalIf(frame: Frame, scope: Scope, test: Expression, cons: Statement, alt: Statement | null): void {
    const cond = this.evalExpr(frame, scope, test);
    if (isBuiltinFunction(cond)) {
      // Feature detection of a standard built-in (`if (gOPD)`, `Object.defineProperty`): always present on Node.
      this.evalStatement(frame, scope, cons);
      return;
    }
    const before = frame.state;
    frame.state = new Map(before);
    this.applyRefinement(frame, scope, test, true);
    const unset = alt ? [] : assignedNames(cons).flatMap((n) => this.lookup(scope, n) ?? []).filter((c) => this.unsetCells.has(c));
    this.evalStatement(frame, scope, cons);
    if (unset.length > 0) {
      const refinements = refineCondition(test, true, this.guardContext(frame, scope));
      if (refinements.length > 0) for (const c of unset) this.guardedBy.set(c, { refinements, scope });
    }
    const s1 = frame.state;
    const t1 = frame.terminated;
    frame.terminated = false;
    frame.state = new Map(before);
    this.applyRefinement(frame, scope, test, false);
    if (alt) this.evalStatement(frame, scope, alt);
    const s2 = frame.state;
    const t2 = isTerminated(frame);
    frame.state = t1 && !t2 ? s2 : t2 && !t1 ? s1 : this.mergeStates(s1, s2);
    frame.terminated = t1 && t2;
  }

  private evalLoop(frame: Frame, scope: Scope, body: Statement, header: () => void): void {
    const before = new Map(frame.state);
    for (let i = 0; i < 2; i++) {
      header();
      this.evalStatement(frame, scope, body);
      frame.terminated = false;
      if (this.nesting > 6) break; // deep loop nests: one pass only
    }
    frame.state = this.mergeStates(before, frame.state);
  }

  private evalSwitch(frame: Frame, scope: Scope, st: Extract<Statement, { type: 'SwitchStatement' }>): void {
    this.evalExpr(frame, scope, st.discriminant);
    const before = frame.state;
    const ends: Map<Cell, Value>[] = [];
    let hasDefault = false;
    let fallthrough: Map<Cell, Value> | undefined;
    const disc = st.discriminant.type === 'Identifier' ? this.lookup(scope, st.discriminant.name) : undefined;
    for (const c of st.cases) {
      frame.state = fallthrough ? this.mergeStates(fallthrough, before) : new Map(before);
      frame.terminated = false;
      if (!c.test) hasDefault = true;
      // A literal case label is an allow-list entry: the discriminant is that constant here.
      if (c.test && disc && isLiteral(c.test) && !fallthrough) this.write(frame, disc, sanitize(this.read(frame, disc), NUMERIC_CLEAN));
      for (const s of c.consequent) {
        if (isTerminated(frame)) break;
        this.evalStatement(frame, scope, s);
      }
      if (isTerminated(frame)) {
        fallthrough = undefined;
        ends.push(frame.state);
      } else fallthrough = frame.state;
    }
    if (fallthrough) ends.push(fallthrough);
    if (!hasDefault) ends.push(before);
    frame.terminated = false;
    frame.state = ends.reduce((a, b) => this.mergeStates(a, b), ends[0] ?? before);
  }

  private mergeStates(a: Map<Cell, Value>, b: Map<Cell, Value>): Map<Cell, Value> {
    if (a === b) return a;
    const out = new Map(a);
    for (const [cell, v] of b) {
      const old = out.get(cell);
      out.set(cell, old ? join(old, v) : v);
    }
    return out;
  }

  private applyRefinement(frame: Frame, scope: Scope, test: Expression, truthy: boolean): void {
    const refinements = refineCondition(test, truthy, this.guardContext(frame, scope)).filter((r) => {
      const cell = r.ifRelative ? this.lookup(scope, r.name) : undefined;
      return !r.ifRelative || (r.path === undefined && cell !== undefined && this.relativeCells.has(cell));
    });
    // `if (file)` where file was only assigned under a guard: the guard held.
    const flag = truthySubject(test, truthy);
    const flagCell = flag !== undefined ? this.lookup(scope, flag) : undefined;
    const implied = flagCell ? this.guardedBy.get(flagCell) : undefined;
    for (const r of implied?.refinements ?? []) {
      const cell = this.lookup(implied?.scope ?? scope, r.name);
      if (cell) this.write(frame, cell, r.path ? this.refineField(frame, this.read(frame, cell), r.path, r.mask, test) : sanitizeWithElements(this.read(frame, cell), r.mask));
    }
    // `dst = resolve(dir, entry.linkname)` confined by `dst.startsWith(root)`: so is the part it was resolved from
    // (and, through `rel = relative(root, target)`, the target and its parts).
    const seen = new Set<Cell>();
    for (let i = 0; i < refinements.length && i < 32; i++) {
      const r = refinements[i];
      const cell = r && !r.path ? this.lookup(scope, r.name) : undefined;
      if (!r || !cell || seen.has(cell) || (r.mask & kindBit('path-traversal')) === 0) continue;
      seen.add(cell);
      for (const part of this.pathParts.get(cell) ?? []) refinements.push({ ...part, mask: kindBit('path-traversal') });
    }
    for (const r of refinements) {
      const cell = this.lookup(scope, r.name);
      if (cell) this.write(frame, cell, r.path ? this.refineField(frame, this.read(frame, cell), r.path, r.mask, test) : sanitizeWithElements(this.read(frame, cell), r.mask));
    }
  }

  /** A variable declared unset (`let file;`) until its next assignment; any assignment forgets the guard it had. */
  private noteUnset(scope: Scope, name: string, unset: boolean): void {
    const cell = this.lookup(scope, name);
    if (!cell) return;
    this.guardedBy.delete(cell);
    if (unset) this.unsetCells.add(cell);
    else this.unsetCells.delete(cell);
  }

  /** Remember which variables and fields a path variable was joined or resolved from (see applyRefinement). */
  private notePathParts(frame: Frame, scope: Scope, name: string, init: Expression | undefined): void {
    const cell = this.lookup(scope, name);
    if (!cell) return;
    const call = init?.type === 'CallExpression' ? init : undefined;
    const derived = call !== undefined && call.callee.type !== 'Super' ? this.peekApis(frame, scope, call.callee).map((r) => derivedPathArgs(r.root, r.tokens)).find((d) => d !== undefined) : undefined;
    const args = derived === 'appended' ? call?.arguments.slice(1) : derived === 'target' ? call?.arguments.slice(1, 2) : [];
    const parts = (args ?? []).flatMap((a) => (a.type === 'SpreadElement' ? [] : (subjectOf(a) ?? [])));
    if (parts.length > 0) this.pathParts.set(cell, parts);
    else this.pathParts.delete(cell);
    if (derived === 'target') this.relativeCells.add(cell);
    else this.relativeCells.delete(cell);
  }

  /** `obj` with the field at `path` sanitised (a guard on `opts.name` holds for later reads of `opts.name`). */
  private refineField(frame: Frame, obj: Value, path: readonly string[], mask: number, node: Node): Value {
    const [key, ...rest] = path;
    if (key === undefined) return sanitizeWithElements(obj, mask);
    return withProp(obj, key, this.refineField(frame, this.readMember(frame, obj, key, node), rest, mask, node));
  }

  private guardContext(frame: Frame, scope: Scope): GuardContext {
    return {
      models: this.opts.models,
      constantOf: (e) => this.constantOf(frame, scope, e),
      apisOf: (e) => this.peekApis(frame, scope, e),
      predicateOf: (callee, truthy) => {
        const v = callee.type === 'Identifier' ? this.constantOf(frame, scope, callee) : undefined;
        return (v?.funcs ?? []).flatMap((f) => this.predicateOf(f.fnId, truthy));
      },
      elementOf: (e) => (frame.fn ? elementParamOf(frame.fn.node, this.callbackOf.get(frame.fn.node), e) : undefined),
    };
  }

  /** What a user function returning a condition proves about its arguments (memoised per function). */
  private predicateOf(fnId: number, truthy: boolean): readonly { index: number; mask: number }[] {
    const fn = this.functions[fnId];
    if (!fn) return [];
    fn.predicate ??= new Map();
    const known = fn.predicate.get(truthy);
    if (known) return known;
    fn.predicate.set(truthy, []); // recursion through the predicate's own calls
    const frame = this.newFrame(undefined, fn.file, this.moduleOf(fn.file), EMPTY);
    const result = predicateRefinements(fn.node, truthy, this.guardContext(frame, fn.scope));
    fn.predicate.set(truthy, result);
    return result;
  }

  /** Value of an expression without side effects, for guards: only identifiers and member chains. */
  private peekApis(frame: Frame, scope: Scope, e: Expression): readonly ApiRef[] {
    if (e.type === 'Identifier') {
      const cell = this.lookup(scope, e.name);
      return cell ? this.read(frame, cell).apis : [{ root: `g:${e.name}`, tokens: [], name: e.name }];
    }
    if (e.type === 'MemberExpression' && !e.computed && e.property.type === 'Identifier') {
      const name = e.property.name;
      return this.peekApis(frame, scope, e.object).map((r) => ({ root: r.root, tokens: [...r.tokens, `Member:${name}`], name: `${r.name}.${name}` }));
    }
    return [];
  }

  private constantOf(frame: Frame, scope: Scope, e: Expression): Value | undefined {
    if (e.type === 'Identifier') {
      const cell = this.lookup(scope, e.name);
      return cell ? this.read(frame, cell) : undefined;
    }
    if (e.type === 'ArrayExpression' || e.type === 'Literal' || e.type === 'NewExpression') return this.evalExpr(frame, scope, e);
    if (e.type === 'MemberExpression' && e.object.type === 'ThisExpression') return this.evalExpr(frame, scope, e);
    return undefined;
  }

  // ---------------------------------------------------------------- patterns and assignment

  private bindPattern(frame: Frame, scope: Scope, pat: BindingPattern, v: Value): void {
    switch (pat.type) {
      case 'Identifier':
        this.declare(frame, scope, pat.name, v);
        return;
      case 'ObjectPattern':
        for (const p of pat.properties) {
          if (p.type === 'RestElement') this.bindPattern(frame, scope, p.argument, v);
          else {
            const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
            this.bindPattern(frame, scope, p.value, this.readMember(frame, v, key, p));
          }
        }
        return;
      case 'ArrayPattern':
        for (const el of pat.elements) {
          if (!el) continue;
          this.bindPattern(frame, scope, el.type === 'RestElement' ? el.argument : el, this.readMember(frame, v, undefined, el));
        }
        return;
      case 'AssignmentPattern': {
        const def = this.evalExpr(frame, scope, pat.right);
        this.bindPattern(frame, scope, pat.left, join(v, def));
        return;
      }
      default:
        return;
    }
  }

  private assignTo(frame: Frame, scope: Scope, target: Expression | BindingPattern, v: Value): void {
    if (target.type === 'Identifier') {
      const cell = this.lookup(scope, target.name) ?? this.declare(frame, this.functionScope(scope), target.name, EMPTY);
      this.write(frame, cell, v);
      if (cell.name === 'exports' && cell === this.lookup(frame.module.scope, 'exports')) this.setWholeExports(frame, v);
      return;
    }
    if (target.type === 'ObjectPattern' || target.type === 'ArrayPattern' || target.type === 'AssignmentPattern') {
      this.bindPatternAssign(frame, scope, target, v);
      return;
    }
    if (target.type === 'MemberExpression') {
      this.assignMember(frame, scope, target, v);
      return;
    }
    if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression' || target.type === 'ParenthesizedExpression') {
      this.assignTo(frame, scope, target.expression, v);
    }
  }

  private bindPatternAssign(frame: Frame, scope: Scope, pat: Node, v: Value): void {
    if (pat.type === 'ObjectPattern') {
      for (const p of pat.properties) {
        if (p.type === 'RestElement') this.assignTo(frame, scope, p.argument as Expression, v);
        else {
          const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : undefined;
          this.assignTo(frame, scope, p.value as Expression, this.readMember(frame, v, key, p));
        }
      }
    } else if (pat.type === 'ArrayPattern') {
      for (const el of pat.elements) {
        if (el) this.assignTo(frame, scope, (el.type === 'RestElement' ? el.argument : el) as Expression, this.readMember(frame, v, undefined, el));
      }
    } else if (pat.type === 'AssignmentPattern') {
      this.assignTo(frame, scope, pat.left as Expression, join(v, this.evalExpr(frame, scope, pat.right)));
    }
  }

  private setWholeExports(frame: Frame, v: Value): void {
    frame.module.exports = v;
  }

  private memberName(frame: Frame, scope: Scope, m: Extract<Expression, { type: 'MemberExpression' }>): string | undefined {
    if (!m.computed) return m.property.type === 'PrivateIdentifier' ? `#${m.property.name}` : m.property.name;
    const p = m.property;
    if (p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number')) return String(p.value);
    const v = this.evalExpr(frame, scope, p);
    return v.str;
  }

  /** `a.b.c = v`: strong update of the root variable's known fields, plus `module.exports` and `this`. */
  private assignMember(frame: Frame, scope: Scope, target: Extract<Expression, { type: 'MemberExpression' }>, v: Value): void {
    const name = this.memberName(frame, scope, target);
    const stepped = addStep(v, this.step(frame, target, 'field', `stored in ${this.text(frame, target)}`), this.opts.maxPathLength);
    if (name !== undefined && SECRET_NAME.test(name)) this.builtinSecretSink(frame, name, v, target);
    if (target.computed && name === undefined) this.checkPollution(frame, scope, target, v);
    if (name !== undefined && v.taints.length > 0 && isPlainReference(target.object)) {
      this.fieldWriteSink(frame, this.evalExpr(frame, scope, target.object), name, v, target, frame.file, frame.enclosing);
    }
    // module.exports = v / module.exports.x = v / exports.x = v
    const obj = target.object;
    if (obj.type === 'Identifier' && obj.name === 'module' && name === 'exports' && this.isModuleBinding(frame, scope, 'module')) {
      this.setWholeExports(frame, v);
      return;
    }
    if (
      name !== undefined &&
      ((obj.type === 'Identifier' && obj.name === 'exports' && this.isModuleBinding(frame, scope, 'exports')) ||
        (obj.type === 'MemberExpression' && !obj.computed && obj.object.type === 'Identifier' && obj.object.name === 'module' && obj.property.type === 'Identifier' && obj.property.name === 'exports' && this.isModuleBinding(frame, scope, 'module')))
    ) {
      const ex = frame.module.exports;
      const props = new Map(ex.props);
      props.set(name, v);
      frame.module.exports = { ...ex, props };
      return;
    }
    if (obj.type === 'ThisExpression') {
      if (name !== undefined) frame.summary.thisProps.set(name, join(frame.summary.thisProps.get(name) ?? EMPTY, v));
      return;
    }
    this.updatePath(frame, scope, obj, name ?? '*', stepped);
  }

  /** `x = module.exports = ...` or `module.exports = x`: later writes to `x` are writes to the exports. */
  private noteExportAlias(frame: Frame, scope: Scope, left: Node, right: Expression): void {
    const isModule: IsModuleBinding = (name) => this.isModuleBinding(frame, scope, name);
    let alias: string | undefined;
    if (left.type === 'Identifier' && isExportsObject(right, isModule)) alias = left.name;
    else if (right.type === 'Identifier' && isExportsReference(left as Expression, isModule)) alias = right.name;
    const cell = alias === undefined ? undefined : this.lookup(scope, alias);
    if (cell && cell !== frame.module.scope.vars.get('module')) frame.module.exportAliases.add(cell);
  }

  private isModuleBinding(frame: Frame, scope: Scope, name: string): boolean {
    return this.lookup(scope, name) === frame.module.scope.vars.get(name);
  }

  private updatePath(frame: Frame, scope: Scope, objExpr: Expression, key: string, v: Value): void {
    if (objExpr.type === 'ThisExpression') {
      frame.summary.thisProps.set(key, join(frame.summary.thisProps.get(key) ?? EMPTY, v));
      return;
    }
    if (objExpr.type === 'Identifier') {
      const cell = this.lookup(scope, objExpr.name);
      if (!cell) return;
      const cur = this.read(frame, cell);
      this.write(frame, cell, withProp(cur, key, v));
      return;
    }
    if (objExpr.type === 'MemberExpression') {
      const parentKey = this.memberName(frame, scope, objExpr) ?? '*';
      const parent = this.evalExpr(frame, scope, objExpr);
      if (objExpr.object.type === 'ThisExpression') {
        frame.summary.thisProps.set(parentKey, withProp(parent, key, v));
        return;
      }
      this.updatePath(frame, scope, objExpr.object, parentKey, withProp(parent, key, v));
    }
  }

  // ---------------------------------------------------------------- expressions

  evalExpr(frame: Frame, scope: Scope, e: Expression): Value {
    this.enter(frame);
    try {
      return this.evalExprInner(frame, scope, e);
    } finally {
      this.nesting--;
    }
  }

  private evalExprInner(frame: Frame, scope: Scope, e: Expression): Value {
    switch (e.type) {
      case 'Literal':
        if ('regex' in e) return { ...EMPTY, regex: { ...e.regex, site: this.regexSite(frame, e) } };
        if (typeof e.value === 'string') return constString(e.value);
        if (typeof e.value === 'number') return { ...EMPTY, isNumber: true };
        if (typeof e.value === 'boolean') return { ...EMPTY, bool: e.value };
        return EMPTY;
      case 'TemplateLiteral': {
        const parts = e.expressions.map((x, i) => {
          const v = this.evalExpr(frame, scope, x);
          this.urlAttributeSink(frame, e.quasis[i]?.value.cooked ?? undefined, x, v);
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
          return { ...this.readMember(frame, obj, e.property.name, e), nullProto: true };
        }
        if (!e.computed || e.property.type === 'Literal') return this.readMember(frame, obj, this.memberName(frame, scope, e), e);
        const key = this.evalExpr(frame, scope, e.property);
        const read = this.readMember(frame, obj, key.str, e);
        return key.str === undefined && !obj.nullProto && !this.ownKeys.isOwnKeyRead(scope, e) ? withReach(read, key, obj) : read;
      }
      case 'ChainExpression':
        return this.evalExpr(frame, scope, e.expression);
      case 'CallExpression':
        return this.evalCall(frame, scope, e);
      case 'NewExpression':
        return this.evalNew(frame, scope, e);
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
          this.builtinSecretSink(frame, e.left.name, v, e);
          v = addStep(v, this.step(frame, e, 'step', `assigned to ${e.left.name}`), this.opts.maxPathLength);
        }
        const outer = this.assignedValue;
        this.assignedValue = e.right;
        this.assignTo(frame, scope, e.left as Expression, v);
        this.assignedValue = outer;
        if (e.left.type === 'Identifier') this.notePathParts(frame, scope, e.left.name, e.operator === '=' ? e.right : undefined);
        if (e.left.type === 'Identifier') this.noteUnset(scope, e.left.name, false);
        if (e.operator === '=') this.noteExportAlias(frame, scope, e.left, e.right);
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
        this.evalExpr(frame, scope, e.test);
        const before = frame.state;
        frame.state = new Map(before);
        this.applyRefinement(frame, scope, e.test, true);
        const yes = this.evalExpr(frame, scope, e.consequent);
        const s1 = frame.state;
        frame.state = new Map(before);
        this.applyRefinement(frame, scope, e.test, false);
        const no = this.evalExpr(frame, scope, e.alternate);
        frame.state = this.mergeStates(s1, frame.state);
        return join(yes, no);
      }
      case 'LogicalExpression':
        return join(this.evalExpr(frame, scope, e.left), this.evalExpr(frame, scope, e.right));
      case 'BinaryExpression': {
        const l = e.left.type === 'PrivateIdentifier' ? EMPTY : this.evalExpr(frame, scope, e.left);
        const r = this.evalExpr(frame, scope, e.right);
        if (e.operator === '+') {
          if (l.str !== undefined && r.str !== undefined) return constString(l.str + r.str);
          this.urlAttributeSink(frame, l.str ?? trailingLiteral(e.left), e.right, r);
          if (l.isNumber && r.isNumber) return { ...join(taintsOf(l), taintsOf(r)), isNumber: true };
          return join(taintsOf(l), appendedPart(taintsOf(r), l));
        }
        if (['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>'].includes(e.operator)) {
          return { ...sanitize(join(taintsOf(l), taintsOf(r)), NUMERIC_CLEAN), isNumber: true };
        }
        return EMPTY; // comparisons give booleans
      }
      case 'UnaryExpression': {
        const v = this.evalExpr(frame, scope, e.argument);
        if (e.operator === '+' || e.operator === '-' || e.operator === '~') return { ...sanitize(taintsOf(v), NUMERIC_CLEAN), isNumber: true };
        if (e.operator === 'typeof') return EMPTY;
        return EMPTY;
      }
      case 'UpdateExpression':
        return { ...EMPTY, isNumber: true };
      case 'AwaitExpression': {
        const v = this.evalExpr(frame, scope, e.argument);
        return v;
      }
      case 'YieldExpression':
        return e.argument ? this.evalExpr(frame, scope, e.argument) : EMPTY;
      case 'ObjectExpression': {
        const props = new Map<string, Value>();
        let taints = EMPTY;
        for (const p of e.properties) {
          if (p.type === 'SpreadElement') {
            const v = this.evalExpr(frame, scope, p.argument);
            for (const [k, pv] of v.props ?? []) props.set(k, pv);
            taints = join(taints, taintsOf(v));
            continue;
          }
          const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
          if (p.computed && key === undefined && p.key.type !== 'PrivateIdentifier') this.evalExpr(frame, scope, p.key);
          this.nameHint = key;
          const v = this.evalExpr(frame, scope, p.value);
          this.nameHint = undefined;
          if (key !== undefined && SECRET_NAME.test(key)) this.builtinSecretSink(frame, key, v, p);
          props.set(key ?? '*', join(props.get(key ?? '*') ?? EMPTY, v));
          taints = join(taints, taintsOf(v));
        }
        return { ...taints, props };
      }
      case 'ArrayExpression': {
        let elems = EMPTY;
        const strs: string[] = [];
        let allStr = true;
        for (const el of e.elements) {
          if (!el) continue;
          const v = el.type === 'SpreadElement' ? this.readMember(frame, this.evalExpr(frame, scope, el.argument), undefined, el) : this.evalExpr(frame, scope, el);
          if (v.str === undefined) allStr = false;
          else strs.push(v.str);
          elems = join(elems, v);
        }
        return { ...taintsOf(elems), props: new Map([['*', elems]]), ...(allStr ? { strs } : {}) };
      }
      case 'TaggedTemplateExpression': {
        const parts = e.quasi.expressions.map((x) => this.evalExpr(frame, scope, x));
        const tag = this.evalExpr(frame, scope, e.tag);
        return this.performCall(frame, tag, undefined, undefined, [EMPTY, ...parts], e as unknown as CallExpression, false);
      }
      case 'ImportExpression': {
        const src = this.evalExpr(frame, scope, e.source);
        if (src.str !== undefined) return this.importModule(frame, src.str, e);
        // `import(x)` with a computed specifier: the `import` global of the models (code loading).
        const site = { file: frame.file, node: e as unknown as CallExpression, enclosing: frame.enclosing };
        return this.callApi(frame, { root: 'g:import', tokens: [], name: 'import' }, undefined, [src], site, false)?.value ?? EMPTY;
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
      if (cell.name === 'module' && cell === frame.module.scope.vars.get('module')) return { ...EMPTY, props: new Map([['exports', frame.module.exports]]) };
      if (cell.name === 'exports' && cell === frame.module.scope.vars.get('exports')) return frame.module.exports;
      return this.read(frame, cell);
    }
    if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return EMPTY;
    return this.apiValue(frame, { root: `g:${name}`, tokens: [], name }, node);
  }

  /** Value of an API reference, with the taint of any source model it matches. */
  private apiValue(frame: Frame, ref: ApiRef, node: Node): Value {
    let v: Value = { ...EMPTY, apis: [ref] };
    for (const s of this.opts.models.sources.get(ref.root) ?? []) {
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
      v = join(v, taintOnly([{ origin, steps: undefined, clean: 0, weak: false }]));
    }
    return v;
  }

  private extendApi(ref: ApiRef, token: string): ApiRef | undefined {
    if (ref.tokens.length >= 10) return undefined;
    const member = token.startsWith('Member:') ? token.slice(7) : undefined;
    return { root: ref.root, tokens: [...ref.tokens, token], name: member !== undefined ? `${ref.name}.${member}` : ref.name };
  }

  /** Read `obj.name` (`undefined`: unknown key). */
  readMember(frame: Frame, obj: Value, name: string | undefined, node: Node): Value {
    let out = EMPTY;
    const exact = name !== undefined ? obj.props?.get(name) : undefined;
    if (exact) out = exact;
    else if (obj.props) {
      if (name === undefined) for (const v of obj.props.values()) out = join(out, v);
      else out = obj.props.get('*') ?? EMPTY;
    }
    if (!exact) {
      // A field of a tainted object is tainted; a field of a parameter is a longer parameter path.
      const taints: Taint[] = [];
      for (const t of obj.taints) {
        if (t.origin.kind === 'param' && t.origin.path.length < 4) taints.push({ ...t, origin: extendParam(t.origin, name ?? '*') });
        else taints.push(t);
      }
      out = join(out, taintOnly(taints));
      if (obj.aliases) {
        const aliases = obj.aliases.filter((a) => a.path.length < 4).map((a) => extendParam(a, name ?? '*'));
        if (aliases.length) out = join(out, { ...EMPTY, aliases, taints: aliases.map((origin) => ({ origin, steps: undefined, clean: 0, weak: false })) });
      }
    }
    if (name !== undefined) {
      for (const ref of obj.apis) {
        const ext = this.extendApi(ref, `Member:${name}`);
        if (ext) out = join(out, this.apiValue(frame, ext, node));
      }
      for (const c of obj.instances) {
        const m = this.findMethod(c.classId, name, false);
        if (m) out = join(out, { ...EMPTY, funcs: [{ fnId: m.id, thisVal: obj }] });
      }
      for (const c of obj.classes) {
        const m = this.findMethod(c.classId, name, true);
        if (m) out = join(out, { ...EMPTY, funcs: [{ fnId: m.id, thisVal: obj }] });
      }
      if (name === 'length' && (obj.str !== undefined || obj.strs)) out = join(out, { ...EMPTY, isNumber: true });
      if (name === 'prototype' && obj.classes.length) out = join(out, { ...EMPTY, instances: obj.classes });
    }
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
      shape: undefined,
    };
    this.functions.push(info);
    this.fnByNode.set(node, info);
    return info;
  }

  private functionValue(frame: Frame, scope: Scope, node: FunctionLike, name: string | undefined): Value {
    const fn = this.functionInfo(frame, scope, node, name);
    return { ...EMPTY, funcs: [{ fnId: fn.id, ...(node.type === 'ArrowFunctionExpression' ? { thisVal: frame.thisVal } : {}) }] };
  }

  private evalClass(frame: Frame, scope: Scope, node: Class, name: string): Value {
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
    return { ...EMPTY, classes: [{ classId: cls.id }] };
  }

  /** Compute (or reuse) the summary of a function. */
  summarize(fn: FunctionInfo): Summary {
    if (fn.status === 'done' && fn.summary) return fn.summary;
    if (fn.status === 'running') {
      fn.reentered = true;
      this.markStaleClosures(fn);
      return fn.summary ?? { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
    }
    if (this.exhausted.has(fn.file.path) || this.summaryNesting > MAX_SUMMARY_NESTING) {
      if (!this.exhausted.has(fn.file.path)) this.diag('BUDGET_EXCEEDED', fn.file.path, `Call chain deeper than ${MAX_SUMMARY_NESTING} functions; ${fn.name} approximated`);
      return { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
    }
    fn.status = 'running';
    this.summaryNesting++;
    this.summaryStack.push(fn);
    const savedNesting = this.nesting;
    this.nesting = 0;
    try {
      for (let i = 0; i < MAX_FIXPOINT; i++) {
        // Closures that applied the previous, partial summary (recursion through `keys.forEach(cb)`) are redone.
        for (const stale of this.staleClosures.get(fn) ?? []) if (stale.status === 'done') stale.status = 'new';
        this.staleClosures.delete(fn);
        fn.reentered = false;
        const before = fn.summary ? summarySize(fn.summary) : -1;
        fn.summary = this.computeSummary(fn);
        if (!wasReentered(fn) || summarySize(fn.summary) === before) break;
      }
    } catch (error: unknown) {
      this.catchBudget(error, fn.file.path);
      fn.summary ??= { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
    } finally {
      this.summaryNesting--;
      this.summaryStack.pop();
      this.nesting = savedNesting;
      fn.status = 'done';
    }
    return fn.summary ?? { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
  }

  /** Re-entering `fn` from closures defined inside it: their summaries used `fn`'s partial one. */
  private markStaleClosures(fn: FunctionInfo): void {
    const at = this.summaryStack.lastIndexOf(fn);
    if (at < 0) return;
    let stale = this.staleClosures.get(fn);
    for (const inner of this.summaryStack.slice(at + 1)) {
      if (inner.file !== fn.file || inner.node.start < fn.node.start || inner.node.end > fn.node.end) continue;
      if (!stale) this.staleClosures.set(fn, (stale = new Set()));
      stale.add(inner);
    }
  }

  private computeSummary(fn: FunctionInfo): Summary {
    const module = this.moduleOf(fn.file);
    const thisOrigin = paramOrigin(fn.id, -1, []);
    const thisVal: Value = { ...EMPTY, aliases: [thisOrigin], taints: [{ origin: thisOrigin, steps: undefined, clean: 0, weak: false }] };
    const frame = this.newFrame(fn, fn.file, module, thisVal);
    const scope: Scope = { vars: new Map(), parent: fn.scope, isFunction: true };
    // `module.exports = function merge(t, s) { ... merge(t[k], s[k]) }`: the name of a function expression is bound inside it.
    if (fn.node.type === 'FunctionExpression' && fn.node.id) this.declare(frame, scope, fn.node.id.name, { ...EMPTY, funcs: [{ fnId: fn.id }] });
    fn.node.params.forEach((p, i) => {
      const origin = paramOrigin(fn.id, i, []);
      const v: Value = { ...EMPTY, aliases: [origin], taints: [{ origin, steps: undefined, clean: 0, weak: false }] };
      this.bindPattern(frame, scope, (p.type === 'TSParameterProperty' ? p.parameter : p) as BindingPattern, v);
      if (p.type === 'TSParameterProperty') {
        const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
        if (id.type === 'Identifier') frame.summary.thisProps.set(id.name, v);
      }
    });
    if (fn.node.type !== 'ArrowFunctionExpression') this.declare(frame, scope, 'arguments', argumentsObject(fn));
    const body = fn.node.body;
    if (body) {
      if (body.type === 'BlockStatement') {
        this.hoist(frame, scope, body.body);
        for (const st of body.body) {
          if (frame.terminated) break;
          this.evalStatement(frame, scope, st);
        }
      } else {
        const v = this.evalExpr(frame, scope, body);
        if (SECRET_NAME.test(fn.name)) this.builtinSecretSink(frame, fn.name, v, body);
        frame.ret = join(frame.ret, v);
      }
    }
    // A class field initialiser runs in the constructor.
    const summary = frame.summary;
    summary.ret = frame.ret;
    return summary;
  }

  /** Apply the summary of `fn` at a call site: substitute parameters with the caller's arguments. */
  applySummary(frame: Frame, fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[], site: Node, env?: ClosureEnv): Value {
    if (++this.applications > this.maxApplications) {
      if (this.applications === this.maxApplications + 1) this.diag('BUDGET_EXCEEDED', frame.file.path, `More than ${this.maxApplications} summary applications; further calls approximated`);
      return weaken(joinAll(args.map(taintsOf)));
    }
    if (this.callDepth >= this.opts.maxCallDepth) {
      this.diag('BUDGET_EXCEEDED', frame.file.path, `Call depth limit ${this.opts.maxCallDepth} reached; deeper calls approximated`);
      return weaken(joinAll(args.map(taintsOf)));
    }
    const callerId = frame.fn?.id ?? -1;
    let edges = this.callEdges.get(callerId);
    if (!edges) this.callEdges.set(callerId, (edges = new Set()));
    edges.add(fn.id);
    // The same callee with structurally equal arguments in the same frame has the same effects (flows,
    // summary hits): reuse the result. A key still being applied is a recursive cycle through callbacks.
    const envKey = env ? `|e${String(env.fnId)}:${env.args.map((a) => valueKey(a)).join(',')}` : '';
    const memoKey = `${String(fn.id)}@${String(site.start)}|${this.callDepth < 4 ? 'd' : ''}|${valueKey(thisVal ?? EMPTY)}|${args.map((a) => valueKey(a)).join('|')}${envKey}`;
    const memo = frame.applied.get(memoKey);
    if (memo) return memo;
    frame.applied.set(memoKey, weaken(joinAll(args.map(taintsOf))));
    const result = this.applySummaryUncached(frame, fn, thisVal, args, site, env);
    frame.applied.set(memoKey, result);
    return result;
  }

  private applySummaryUncached(frame: Frame, fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[], site: Node, env: ClosureEnv | undefined): Value {
    // Applying summaries (and the calls they replay) is work like evaluating statements: it counts against the
    // file's time budget, so a blow-up of replayed calls ends in a diagnostic instead of a hang.
    this.tick(frame);
    const s = this.summarize(fn);
    const restIndex = fn.node.params.findIndex((p) => p.type === 'RestElement');
    const actuals = restIndex >= 0 ? [...args.slice(0, restIndex), arrayOf(args.slice(restIndex))] : args;
    const callStep = this.step(frame, site, 'call', `passed to ${fn.name}()`);
    const ctx: SubstContext = { fnId: fn.id, args: actuals, thisVal: thisVal ?? EMPTY, callStep, cache: new Map(), ...(env ? { env: envContext(env, callStep) } : {}) };
    this.callDepth++;
    try {
      for (const hit of s.sinks) {
        const v = this.subst(frame, { ...EMPTY, taints: [hit.taint] }, ctx, site);
        this.checkSink(frame, v, hit.site);
      }
      for (const w of s.writes ?? []) this.fieldWriteSink(frame, this.subst(frame, w.target, ctx, site), w.name, this.subst(frame, w.value, ctx, site), w.node, w.file, w.enclosing);
      for (const p of s.pollution) this.reportPollution(frame, this.subst(frame, p.key, ctx, site), this.subst(frame, p.value, ctx, site), this.subst(frame, p.reach, ctx, site), p.site, p.walked);
      for (const c of this.callDepth <= 4 ? s.calls : []) {
        const callee = this.subst(frame, c.callee, ctx, site);
        const recv = c.thisVal ? this.subst(frame, c.thisVal, ctx, site) : undefined;
        const cargs = c.args.map((a) => this.subst(frame, a, ctx, site));
        this.performCall(frame, callee, recv, c.methodName, cargs, c.node as CallExpression, false, c.file, c.enclosing);
      }
      const ret = bindClosures(this.functions, fn, this.subst(frame, s.ret, ctx, site), { fnId: fn.id, args: actuals, thisVal: thisVal ?? EMPTY, ...(env ? { outer: env } : {}) });
      return addStep(ret, this.step(frame, site, 'return', `returned from ${fn.name}()`), this.opts.maxPathLength);
    } finally {
      this.callDepth--;
    }
  }

  private subst(frame: Frame, v: Value, ctx: SubstContext, site: Node, depth = 0): Value {
    const cached = ctx.cache.get(v);
    if (cached) return cached;
    const own = this.substUncached(frame, v, ctx, site, depth);
    // A closure's summary also mentions its creator's parameters: bind them as the creating call did.
    const out = ctx.env ? this.subst(frame, own, ctx.env, site, depth) : own;
    ctx.cache.set(v, out);
    return out;
  }

  private substUncached(frame: Frame, v: Value, ctx: SubstContext, site: Node, depth: number): Value {
    let out: Value = { ...v, taints: [], ...(v.aliases ? { aliases: v.aliases.filter((a) => a.fn !== ctx.fnId) } : {}) };
    if (out.aliases?.length === 0) {
      out = { ...out, aliases: undefined };
    }
    const kept: Taint[] = [];
    for (const t of v.taints) {
      if (t.origin.kind !== 'param' || t.origin.fn !== ctx.fnId) {
        kept.push(t);
        continue;
      }
      const actual = this.actualAt(frame, ctx, t.origin, site);
      const moved = actual.taints.map((a) => ({
        ...a,
        steps: concatSteps(pushStep(a.steps, ctx.callStep, this.opts.maxPathLength), t.steps, this.opts.maxPathLength),
        clean: a.clean | t.clean,
        weak: a.weak || t.weak,
      }));
      kept.push(...moved);
    }
    out = join(out, taintOnly(uniqueTaints(kept)));
    for (const a of v.aliases ?? []) {
      if (a.fn !== ctx.fnId) continue;
      const actual = this.actualAt(frame, ctx, a, site);
      out = join(out, { ...actual, taints: [] });
    }
    if (v.reach) out = { ...out, reach: this.subst(frame, taintOnly(v.reach), ctx, site, depth).taints };
    // Deep object graphs (`return this` chains) are substituted two levels deep only.
    if (v.props && depth < 2) {
      const props = new Map<string, Value>();
      for (const [k, pv] of v.props) props.set(k, this.subst(frame, pv, ctx, site, depth + 1));
      out = { ...out, props };
    }
    return out;
  }

  private actualAt(frame: Frame, ctx: SubstContext, origin: ParamOrigin, site: Node): Value {
    let base = origin.index === -1 ? ctx.thisVal : (ctx.args[origin.index] ?? EMPTY);
    for (const p of origin.path) {
      if (p === REACH) return reachOf(base);
      base = p === '()' ? this.apiResultOf(frame, base, site) : this.readMember(frame, base, p === '*' ? undefined : p, site);
    }
    return base;
  }

  /** What calling a library value returns (`ReturnValue` of its API references). */
  private apiResultOf(frame: Frame, callee: Value, site: Node): Value {
    let out = EMPTY;
    for (const ref of callee.apis) {
      const ret = this.extendApi(ref, 'ReturnValue');
      if (ret) out = join(out, this.apiValue(frame, ret, site));
    }
    return out;
  }

  // ---------------------------------------------------------------- calls

  private evalArgs(frame: Frame, scope: Scope, args: CallExpression['arguments']): Value[] {
    // `const l = new Layer((req) => ...)`: the callback is not named after the variable.
    this.nameHint = undefined;
    const out: Value[] = [];
    for (const a of args) {
      if (a.type === 'SpreadElement') out.push(this.readMember(frame, this.evalExpr(frame, scope, a.argument), undefined, a));
      else out.push(this.evalExpr(frame, scope, a));
    }
    return out;
  }

  private evalCall(frame: Frame, scope: Scope, e: CallExpression): Value {
    const callee = e.callee;
    if (callee.type === 'Identifier' && callee.name === 'require' && !this.lookup(scope, 'require')) {
      const arg = e.arguments[0];
      const spec = arg && arg.type !== 'SpreadElement' ? this.evalExpr(frame, scope, arg).str : undefined;
      return spec !== undefined ? this.importModule(frame, spec, e) : EMPTY;
    }
    let recv: Value | undefined;
    let calleeVal: Value;
    let methodName: string | undefined;
    if (callee.type === 'MemberExpression') {
      recv = callee.object.type === 'Super' ? frame.thisVal : this.evalExpr(frame, scope, callee.object);
      methodName = this.memberName(frame, scope, callee);
      const cb = e.arguments[0];
      if (callee.object.type === 'Identifier' && methodName !== undefined && CALLBACK_METHODS.has(methodName) && (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression')) {
        this.callbackOf.set(cb, { array: callee.object.name, method: methodName });
      }
      calleeVal = this.readMember(frame, recv, methodName, callee);
    } else if (callee.type === 'Super') {
      const cls = frame.fn?.classId !== undefined ? this.classes[frame.fn.classId] : undefined;
      const args = this.evalArgs(frame, scope, e.arguments);
      const sup = cls?.superClass;
      if (sup) for (const c of sup.classes) this.construct(frame, c.classId, args, e, frame.thisVal);
      return EMPTY;
    } else calleeVal = this.evalExpr(frame, scope, callee);
    const args = this.evalArgs(frame, scope, e.arguments);
    const result = this.performCall(frame, calleeVal, recv, methodName, args, e, false);
    if (callee.type === 'MemberExpression' && callee.object.type !== 'Super' && recv) this.applyReceiverWrites(frame, scope, callee.object, recv, calleeVal, methodName, args, e);
    return result;
  }

  /**
   * Effects of a method call on its receiver: `arr.push(x)` adds elements, and fields a user method
   * writes to `this` land on the receiver (`obj.setHandler(fn)` then `obj.handler`).
   */
  private applyReceiverWrites(frame: Frame, scope: Scope, recvExpr: Expression, recv: Value, calleeVal: Value, methodName: string | undefined, args: readonly Value[], site: CallExpression): void {
    if (calleeVal.funcs.length === 0 && (methodName === 'push' || methodName === 'unshift')) {
      const elems = joinAll([recv.props?.get('*') ?? EMPTY, ...args]);
      this.updatePath(frame, scope, recvExpr, '*', elems);
      return;
    }
    for (const f of calleeVal.funcs) {
      const fn = this.functions[f.fnId];
      if (!fn?.summary || fn.summary.thisProps.size === 0 || f.thisVal) continue;
      const ctx: SubstContext = { fnId: fn.id, args, thisVal: recv, callStep: this.step(frame, site, 'call', `passed to ${fn.name}()`), cache: new Map() };
      for (const [k, v] of fn.summary.thisProps) this.updatePath(frame, scope, recvExpr, k, this.subst(frame, v, ctx, site));
    }
  }

  private evalNew(frame: Frame, scope: Scope, e: NewExpression): Value {
    const calleeVal = this.evalExpr(frame, scope, e.callee);
    const args = this.evalArgs(frame, scope, e.arguments);
    return this.performCall(frame, calleeVal, undefined, undefined, args, e, true);
  }

  /** Instance of a user class: apply the constructor, keep the fields it sets. */
  private construct(frame: Frame, classId: number, args: readonly Value[], site: Node, thisVal?: Value): Value {
    const cls = this.classes[classId];
    if (!cls) return EMPTY;
    let inst: Value = thisVal ?? { ...EMPTY, instances: [{ classId }], props: new Map() };
    const fieldInits = cls.node.body.body.filter((m) => m.type === 'PropertyDefinition' && !m.static && m.value);
    if (fieldInits.length) {
      const module = this.moduleOf(cls.file);
      const f = this.newFrame(undefined, cls.file, module, inst);
      for (const m of fieldInits) {
        if (m.type !== 'PropertyDefinition' || !m.value || m.key.type !== 'Identifier') continue;
        inst = withProp(inst, m.key.name, this.evalExpr(f, module.scope, m.value));
      }
    }
    if (cls.ctor) {
      this.applySummary(frame, cls.ctor, inst, args, site);
      const s = this.summarize(cls.ctor);
      const ctx: SubstContext = { fnId: cls.ctor.id, args, thisVal: inst, callStep: this.step(frame, site, 'call', `passed to new ${cls.name}()`), cache: new Map() };
      for (const [k, v] of s.thisProps) inst = withProp(inst, k, this.subst(frame, v, ctx, site));
    } else if (cls.superClass) {
      for (const c of cls.superClass.classes) inst = join(inst, this.construct(frame, c.classId, args, site, inst));
    }
    return inst;
  }

  /**
   * `new F()` of a plain function (ES5 constructor): an object with the methods assigned to
   * `F.prototype` and the fields the constructor writes to `this`.
   */
  private constructFunction(frame: Frame, fn: FunctionInfo, callee: Value, args: readonly Value[], site: CallExpression | NewExpression): Value {
    let inst: Value = { ...EMPTY, props: new Map(callee.props?.get('prototype')?.props ?? []) };
    const ret = this.applySummary(frame, fn, inst, args, site);
    const s = this.summarize(fn);
    if (s.thisProps.size > 0) {
      const ctx: SubstContext = { fnId: fn.id, args, thisVal: inst, callStep: this.step(frame, site, 'call', `passed to new ${fn.name}()`), cache: new Map() };
      for (const [k, v] of s.thisProps) inst = withProp(inst, k, this.subst(frame, v, ctx, site));
    }
    // A constructor that returns an object (`return new F()` guards, factories) yields that object.
    return ret.props || ret.funcs.length > 0 || ret.instances.length > 0 ? join(inst, ret) : inst;
  }

  /** Call `callee` with receiver `recv`: user functions by summary, library APIs by model. */
  performCall(
    frame: Frame,
    callee: Value,
    recv: Value | undefined,
    methodName: string | undefined,
    args: readonly Value[],
    node: CallExpression | NewExpression,
    isNew: boolean,
    file: ParsedFile = frame.file,
    enclosing: string = frame.enclosing,
  ): Value {
    let result = EMPTY;
    let resolved = false;
    for (const ref of callee.apis) args = pathCallArgs(ref.root, ref.tokens, args);
    for (const f of callee.funcs) {
      const fn = this.functions[f.fnId];
      if (!fn) continue;
      resolved = true;
      if (isNew) result = join(result, this.constructFunction(frame, fn, callee, args, node));
      else result = join(result, this.applySummary(frame, fn, f.thisVal ?? recv, args, node, f.env));
    }
    for (const c of callee.classes) {
      resolved = true;
      result = join(result, this.construct(frame, c.classId, args, node));
    }
    if (frame.fn && callee.aliases && callee.aliases.length > 0 && frame.summary.calls.length < 64) {
      frame.summary.calls.push({ callee: { ...EMPTY, aliases: callee.aliases }, thisVal: recv, args, methodName, node, file, enclosing });
      // The result of calling a parameter's method is symbolic too, so fluent chains on library
      // objects (`res.status(400).send(x)`) resolve when the summary is applied.
      const results = callee.aliases.filter((a) => a.path.length < 4).map((a) => extendParam(a, '()'));
      if (results.length > 0) result = join(result, { ...EMPTY, aliases: results });
    }
    const site = { file, node, enclosing };
    let modelled = false;
    for (const ref of callee.apis) {
      const r = this.callApi(frame, ref, recv, args, site, isNew);
      if (r) {
        modelled ||= r.modelled;
        result = join(result, r.value);
      }
    }
    if (methodName !== undefined && !resolved) {
      const r = this.callApi(frame, { root: `meth:${methodName}`, tokens: [], name: methodName }, recv, args, site, isNew);
      if (r) {
        modelled ||= r.modelled;
        result = join(result, r.value);
      }
      const b = this.builtinMethod(frame, methodName, recv ?? EMPTY, args, site);
      if (b) {
        modelled = true;
        // A folded constant (`['a', 'b'].join('|')`) is the whole result, not one of several possibilities.
        result = b.str !== undefined && result.taints.length === 0 ? b : join(result, b);
      }
    }
    if (!resolved && !modelled) {
      // Unknown code: assume the result derives from the inputs (weak, lowers confidence).
      const inputs = joinAll([...(recv ? [taintsOf(recv)] : []), ...args.map(taintsOf)]);
      result = join(result, weaken(inputs));
      for (const a of args) {
        for (const f of a.funcs) {
          const fn = this.functions[f.fnId];
          if (fn && callee.apis.length === 0) this.applySummary(frame, fn, f.thisVal, fn.node.params.map(() => taintsOf(recv ?? EMPTY)), node);
        }
      }
    }
    return result;
  }

  private callApi(
    frame: Frame,
    ref: ApiRef,
    recv: Value | undefined,
    args: readonly Value[],
    site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string },
    isNew: boolean,
  ): { value: Value; modelled: boolean } | undefined {
    const models = this.opts.models;
    let modelled = false;
    if (ref.root.startsWith('m:') || ref.root.startsWith('g:')) {
      this.callFacts.push({ file: site.file, node: site.node, api: isNew && ref.tokens.length === 0 ? ref.name : ref.name, args, enclosing: site.enclosing });
    }
    for (const sink of models.sinks.get(ref.root) ?? []) {
      if (sink.arg === 'write' || !pathMatches(sink.call, ref.tokens)) continue;
      if (!this.conditionsHold(sink.conditions, args)) continue;
      if (sink.unless.length > 0 && sink.unless.some((u) => this.conditionsHold([u], args))) continue;
      modelled = true;
      const arg = sink.arg;
      const targets = arg === 'receiver' ? [recv ?? EMPTY] : args.filter((_, i) => argSelected(arg, i));
      const s = this.sinkSite(frame, sink.model.kind, sink.model.description, site, sink.model.labels);
      for (const t of targets) this.checkSink(frame, sinkMembers(t, sink.members, (o, name) => this.readMember(frame, o, name, site.node)), s);
    }
    const retRef = this.extendApi(ref, 'ReturnValue');
    let value = retRef ? this.apiValue(frame, retRef, site.node) : EMPTY;
    const inputs = joinAll([...(recv ? [taintsOf(recv)] : []), ...args.map(taintsOf)]);
    if (retRef) {
      for (const s of models.sanitizers.get(ref.root) ?? []) {
        if (!pathMatches(s.path, retRef.tokens)) continue;
        return { value: join(value, sanitize(inputs, kindsMask(s.model.kinds))), modelled: true };
      }
    }
    for (const p of models.propagators.get(ref.root) ?? []) {
      if (!pathMatches(p.call, ref.tokens)) continue;
      modelled = true;
      let from = EMPTY;
      if (p.from[0]?.kind === 'Receiver') from = taintsOf(recv ?? EMPTY);
      else {
        const m = p.from[0];
        if (m?.kind === 'Argument') args.forEach((a, i) => { if (argSelected(m, i)) from = join(from, taintsOf(a)); });
      }
      value = join(value, from);
    }
    // Callbacks passed to an API: their parameters are API values (route handlers get `req`).
    // Handlers in option objects too: hapi `server.route({ handler })`, `{ options: { handler } }`.
    const callbacks: { value: Value; tokens: string[] }[] = args.map((a, i) => ({ value: a, tokens: [`Argument:${i}`] }));
    for (let k = 0; k < callbacks.length && k < 64; k++) {
      const cb = callbacks[k];
      if (!cb) break;
      if (cb.tokens.length < 3) for (const [name, pv] of cb.value.props ?? []) callbacks.push({ value: pv, tokens: [...cb.tokens, `Member:${name}`] });
      for (const f of cb.value.funcs) {
        const fn = this.functions[f.fnId];
        if (!fn) continue;
        let argRef: ApiRef | undefined = ref;
        for (const t of cb.tokens) argRef = argRef ? this.extendApi(argRef, t) : undefined;
        const params = fn.node.params.map((_, j) => {
          const pr = argRef ? this.extendApi(argRef, `Parameter:${j}`) : undefined;
          return pr ? this.apiValue(frame, pr, site.node) : EMPTY;
        });
        this.applySummary(frame, fn, f.thisVal ?? listenerThis(ref, cb.tokens, recv), params, site.node);
      }
    }
    if (ref.root === 'g:RegExp' && ref.tokens.length === 0 && args[0]?.str !== undefined) {
      value = join(value, { ...EMPTY, regex: { pattern: args[0].str, flags: args[1]?.str ?? '', site: this.regexSite(frame, site.node) } });
    }
    if (ref.root === 'g:Array' && args[0] && isArrayCopy(ref.tokens)) {
      // `Array.prototype.slice.call(arguments, 1)`, `Array.from(xs)`: a new array of the same elements.
      // Elements keep their taint, not their identity: `copy.forEach` must not read as a method of an element.
      const elems = taintsOf(this.readMember(frame, args[0], undefined, site.node));
      value = join(value, { ...elems, props: new Map([['*', elems]]) });
    }
    if (ref.root === 'g:Object' && ref.tokens.length === 1 && ref.tokens[0] === 'Member:create' && args[0] && isEmpty(args[0])) {
      value = join(value, { ...EMPTY, nullProto: true, props: new Map() });
    }
    if (!modelled && (ref.root.startsWith('g:') || ref.root.startsWith('m:'))) {
      // Unmodelled library call: result derives from inputs (JSON.parse, util.format, path.join...).
      value = join(value, weakenIfUnknown(ref, inputs));
      modelled = true;
    }
    return { value, modelled };
  }

  private conditionsHold(conds: readonly CompiledCondition[], args: readonly Value[]): boolean {
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

  /** String, array, promise and regex methods the engine knows without models. */
  private builtinMethod(frame: Frame, name: string, recv: Value, args: readonly Value[], site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string }): Value | undefined {
    if (REGEX_ON_RECEIVER.has(name) && recv.regex && args[0]) {
      this.checkSink(frame, args[0], this.sinkSite(frame, 'redos', `RegExp.prototype.${name}()`, site, undefined, regexDetails(recv.regex)));
    }
    if (REGEX_ON_ARGUMENT.has(name) && args[0]?.regex) {
      this.checkSink(frame, recv, this.sinkSite(frame, 'redos', `String.prototype.${name}()`, site, undefined, regexDetails(args[0].regex)));
    }
    if (CALLBACK_METHODS.has(name)) {
      let result = EMPTY;
      const elem = join(taintsOf(recv), recv.props?.get('*') ?? EMPTY);
      for (const a of args) {
        for (const f of a.funcs) {
          const fn = this.functions[f.fnId];
          if (!fn) continue;
          const isReduce = name === 'reduce' || name === 'reduceRight';
          const params = isReduce ? [args[1] ?? EMPTY, elem] : [elem, { ...EMPTY, isNumber: true }, recv];
          let r = this.applySummary(frame, fn, f.thisVal, params, site.node);
          // The accumulator of the next step is the previous result (`keys.reduce((o, k) => o[k] = o[k] || {}, obj)`).
          if (isReduce && !isEmpty(r)) r = join(r, this.applySummary(frame, fn, f.thisVal, [join(params[0] ?? EMPTY, r), elem], site.node));
          result = join(result, r);
        }
      }
      if (name === 'filter') {
        // `keys.filter(isValidKey)`: the kept elements satisfy the predicate.
        const mask = args[0]?.funcs.reduce((m, f) => m | this.predicateOf(f.fnId, true).filter((p) => p.index === 0).reduce((a, p) => a | p.mask, 0), 0) ?? 0;
        return mask === 0 ? recv : sanitizeElements(recv, mask);
      }
      if (name === 'sort' || name === 'finally') return recv;
      if (name === 'find' || name === 'findLast') return elem;
      if (name === 'map' || name === 'flatMap') return { ...taintsOf(result), props: new Map([['*', result]]) };
      if (name === 'forEach' || name === 'some' || name === 'every') return EMPTY;
      return result;
    }
    if (CLEAN_METHODS.has(name)) return EMPTY;
    if (STRING_METHODS.has(name)) {
      const all = joinAll([taintsOf(recv), ...args.map(taintsOf)]);
      if ((name === 'replace' || name === 'replaceAll') && args[0]?.regex && isRegexEscape(args[0].regex, args[1]?.str)) return sanitize(all, kindBit('regex-injection'));
      if (name === 'split') return { ...all, props: new Map([['*', all]]) };
      if (isBoundedSlice(name, site.node)) return sanitize(all, LENGTH_BOUNDED);
      const joined = name === 'join' ? constantArrayJoin(site.node, recv, args) : undefined;

      if (joined !== undefined) return constString(joined);
      if (name === 'join' || name === 'concat') return join(all, taintsOf(recv.props?.get('*') ?? EMPTY));
      return all;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- sinks

  private sinkSite(
    frame: Frame,
    kind: SinkSite['kind'],
    description: string,
    site: { file: ParsedFile; node: Node; enclosing: string },
    labels: readonly TaintLabel[] | undefined,
    details?: Readonly<Record<string, unknown>>,
  ): SinkSite {
    return {
      kind,
      description,
      location: locationOf(site.file, site.node.start, site.node.end),
      text: site.file.text.slice(site.node.start, Math.min(site.node.end, site.node.start + 300)),
      enclosing: site.enclosing,
      labels: labels ? new Set(labels) : this.opts.defaultLabels,
      ...(details ? { details } : {}),
    };
  }

  private regexSite(frame: Frame, node: Node): NonNullable<RegexValue['site']> {
    return { location: this.loc(frame, node), text: this.text(frame, node) };
  }

  /** Report concrete taint reaching a sink; keep parameter taint in the summary. */
  private checkSink(frame: Frame, v: Value, site: SinkSite): void {
    const bit = kindBit(site.kind);
    for (const t of v.taints) {
      if ((t.clean & bit) !== 0) continue;
      if (t.origin.kind === 'param') {
        // Parameters of enclosing functions too: a closure's summary is applied inside its creator.
        const key = `${t.origin.key}|${site.location.startLine}:${site.location.startColumn}|${site.kind}`;
        if (frame.fn && !frame.summary.sinks.some((h) => `${h.taint.origin.key}|${h.site.location.startLine}:${h.site.location.startColumn}|${h.site.kind}` === key)) {
          frame.summary.sinks.push({ taint: t, site });
        }
        continue;
      }
      const origin = t.origin;
      if (!site.labels.has(origin.label)) continue;
      if (site.kind === 'path-traversal' && isCallerChosenPath(t)) continue;
      const bounded = site.kind === 'redos' && (t.clean & LENGTH_BOUNDED) !== 0;
      this.flows.push({ site, source: origin, steps: stepsOf({ ...t, origin }, site), weak: t.weak, ...(bounded ? { lengthBounded: true } : {}) });
    }
  }

  /**
   * `ctx.body = html`: a write to a field a sink model names (path ending in a member, `arg: 'write'`).
   * Deferred into the summary while the object is a parameter. Objects are sent as data (JSON), not markup.
   */
  private fieldWriteSink(frame: Frame, obj: Value, name: string, v: Value, node: Node, file: ParsedFile, enclosing: string): void {
    if (v.taints.length === 0 || v.props) return;
    for (const ref of obj.apis) {
      const tokens = [...ref.tokens, `Member:${name}`];
      for (const sink of this.opts.models.sinks.get(ref.root) ?? []) {
        if (sink.arg !== 'write' || !pathMatches([...sink.call, ...sink.members], tokens)) continue;
        this.checkSink(frame, v, this.sinkSite(frame, sink.model.kind, sink.model.description, { file, node, enclosing }, sink.model.labels));
      }
    }
    if (frame.fn && obj.aliases?.length) {
      const writes = (frame.summary.writes ??= []);
      if (writes.length < 64) writes.push({ target: { ...EMPTY, aliases: obj.aliases }, name, value: v, node, file, enclosing });
    }
  }

  /** `'<a href="' + url`: markup whose URL attribute takes a value is an XSS sink (html-context.ts). */
  private urlAttributeSink(frame: Frame, before: string | undefined, valueNode: Node, v: Value): void {
    if (v.taints.length === 0) return;
    const attr = urlAttributeOpenedBy(before);
    if (attr === undefined) return;
    const where = { file: frame.file, node: valueNode, enclosing: frame.enclosing };
    this.checkSink(frame, asUrlAttributeValue(v), this.sinkSite(frame, 'xss', `the ${attr} attribute of HTML markup`, where, undefined, { context: 'url-attribute' }));
  }

  private builtinSecretSink(frame: Frame, name: string, v: Value, node: Node): void {
    if (!SECRET_NAME.test(name) || !v.taints.some((t) => t.origin.kind === 'param' || t.origin.label === 'insecure-random')) return;
    const site = this.sinkSite(frame, 'insecure-randomness', `security-sensitive value \`${name}\``, { file: frame.file, node, enclosing: frame.enclosing }, ['insecure-random']);
    this.checkSink(frame, v, site);
  }

  /** `target[key] = value` inside a key-walking function: the structural prototype-pollution sink. */
  private checkPollution(frame: Frame, scope: Scope, target: Extract<Expression, { type: 'MemberExpression' }>, v: Value): void {
    const fn = frame.fn;
    if (!fn) return;
    const walks = this.walksKeys(fn);
    const obj = this.evalExpr(frame, scope, target.object);
    if (obj.nullProto) return;
    const key = this.evalExpr(frame, scope, target.property as Expression);
    // The written object must itself come from a read with an attacker key (`cur = cur[k]`): a one-level
    // write to an object of the caller's only shadows. A parameter object stands for its caller's state.

    const via = reachOf(obj);
    // `target[key] = merge(target[key], v)` rebuilds a level; `target[key] = v` lands the attacker's value (preferred when merging root causes).
    const right = this.assignedValue;
    const writesCallResult = right !== undefined && (right.type === 'CallExpression' || right.type === 'NewExpression' || right.type === 'AwaitExpression');
    const site = this.sinkSite(frame, 'prototype-pollution', `dynamic property write ${this.text(frame, target)}`, { file: frame.file, node: target, enclosing: frame.enclosing }, undefined, {
      key: this.text(frame, target.property),
      recursive: this.shapeOf(fn).recursive,
      ...(writesCallResult ? { writesCallResult } : {}),
    });
    this.reportPollution(frame, key, v, via, site, walks);
  }

  private shapeOf(fn: FunctionInfo): FunctionShape {
    fn.shape ??= computeShape(fn.node, fn.name.includes('.') ? (fn.name.split('.').pop() ?? fn.name) : fn.name);
    return fn.shape;
  }

  private walksKeys(fn: FunctionInfo | undefined): boolean {
    return fn !== undefined && this.shapeOf(fn).walksKeys;
  }

  /**
   * A write reported only where some function on the call chain walks keys: a helper
   * `assign(obj, key, value)` called from a loop over a path is the sink, the helper alone is not.
   */
  private reportPollution(frame: Frame, key: Value, value: Value, reach: Value, site: SinkSite, walkedBelow: boolean): void {
    const walked = walkedBelow || this.walksKeys(frame.fn);
    const keys = key.taints.filter((t) => !isPollutionClean(t.clean));
    const values = value.taints;
    const vias = reach.taints.filter((t) => !isPollutionClean(t.clean));
    if (keys.length === 0 || values.length === 0 || vias.length === 0) return;
    const isConcrete = (t: Taint): t is Taint & { origin: SourceOrigin } => t.origin.kind === 'source' && site.labels.has(t.origin.label);
    const concreteKeys = keys.filter(isConcrete);
    const concreteValues = values.filter(isConcrete);
    const concreteVia = vias.some(isConcrete);
    if (concreteKeys.length > 0 && concreteValues.length > 0 && concreteVia) {
      if (!walked) return;
      for (const k of concreteKeys) {
        const val = concreteValues[0];
        this.flows.push({ site, source: k.origin, steps: stepsOf(k, site), weak: k.weak, ...(val ? { valueSource: val.origin } : {}) });
      }
      return;
    }
    const fnId = frame.fn?.id;
    if (fnId === undefined) return;
    const symbolic = (t: Taint): boolean => t.origin.kind === 'param';
    const keyOk = concreteKeys.length > 0 || keys.some(symbolic);
    const valOk = concreteValues.length > 0 || values.some(symbolic);
    const viaOk = concreteVia || vias.some(symbolic);
    if (!keyOk || !valOk || !viaOk) return;
    // Recursion re-applies a summary to itself: keep one hit per write and taint origins, not one per path.
    const sig = `${site.location.startLine}:${site.location.startColumn}|${String(walked)}|${[keys, values, vias].map((ts) => ts.map(taintKey).sort().join(',')).join('|')}`;
    let seen = this.pollutionSeen.get(frame.summary);
    if (!seen) this.pollutionSeen.set(frame.summary, (seen = new Set()));
    if (seen.has(sig)) return;
    seen.add(sig);
    // Closures of recursive functions multiply symbolic origins: a few hits per write are enough to report it.
    const at = `${site.location.file}:${site.location.startLine}:${site.location.startColumn}`;
    if (frame.summary.pollution.filter((h) => `${h.site.location.file}:${h.site.location.startLine}:${h.site.location.startColumn}` === at).length >= MAX_HITS_PER_WRITE) return;
    // Only the key's path is shown in the finding: the value and the reach keep their origins, not their steps.
    const bare = (ts: readonly Taint[]): Value => taintOnly(ts.map((t) => (t.steps ? { ...t, steps: undefined } : t)));
    frame.summary.pollution.push({ key: taintOnly(keys), value: bare(values), reach: bare(vias), site, walked });
  }

  // ---------------------------------------------------------------- locations

  private loc(frame: Frame, node: Node): Location {
    return locationOf(frame.file, node.start, node.end);
  }

  private text(frame: Frame, node: Node): string {
    return frame.file.text.slice(node.start, Math.min(node.end, node.start + 120));
  }

  private step(frame: Frame, node: Node, kind: FlowStep['kind'], message: string): FlowStep {
    return { kind, location: this.loc(frame, node), message };
  }

  /** Call a function as an entry point with the given arguments (library threat model). */
  callAsEntry(fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[]): Value {
    const frame = this.newFrame(undefined, fn.file, this.moduleOf(fn.file), EMPTY);
    try {
      return this.applySummary(frame, fn, thisVal, args, fn.node);
    } catch (error: unknown) {
      this.catchBudget(error, fn.file.path);
      return EMPTY;
    }
  }

  /** Library threat model: a regex the package hands out (exported or returned) meets its consumers' input. */
  exposeRegex(regex: RegexValue, how: string): void {
    const flow = exposedRegexFlow(regex, how, this.opts.defaultLabels);
    if (flow && !this.flows.some((f) => f.source.key === flow.source.key)) this.flows.push(flow);
  }

  /** Construct an exported class as an entry point. */
  constructAsEntry(cls: ClassInfo, args: readonly Value[]): Value {
    const frame = this.newFrame(undefined, cls.file, this.moduleOf(cls.file), EMPTY);
    try {
      return this.construct(frame, cls.id, args, cls.node);
    } catch (error: unknown) {
      this.catchBudget(error, cls.file.path);
      return EMPTY;
    }
  }

  /** Summarise every function not reached yet, so flows inside uncalled code are found too. */
  summarizeAll(): void {
    // Functions discovered while summarising are appended and visited too.
    for (const fn of this.functions) if (fn.status === 'new') this.summarize(fn);
  }

  /** Deferred calls recorded in summaries are re-run at call sites; expose for tests. */
  pendingCalls(fn: FunctionInfo): readonly DeferredCall[] {
    return fn.summary?.calls ?? [];
  }
}

interface SubstContext {
  readonly fnId: number;
  readonly args: readonly Value[];
  readonly thisVal: Value;
  readonly callStep: FlowStep;
  readonly cache: Map<Value, Value>;
  /** Substitution of the creator's parameters when the callee is a closure returned by an earlier call. */
  readonly env?: SubstContext;
}

function envContext(env: ClosureEnv, callStep: FlowStep): SubstContext {
  return { fnId: env.fnId, args: env.args, thisVal: env.thisVal, callStep, cache: new Map(), ...(env.outer ? { env: envContext(env.outer, callStep) } : {}) };
}

/** Closures created inside `fn` and returned (directly or as fields of the result) keep the call's arguments. */
function bindClosures(functions: readonly FunctionInfo[], fn: FunctionInfo, ret: Value, env: ClosureEnv): Value {
  const inside = (f: FuncRef): boolean => {
    const node = functions[f.fnId]?.node;
    return f.env === undefined && node !== undefined && node !== fn.node && node.start >= fn.node.start && node.end <= fn.node.end;
  };
  const bind = (v: Value): Value => (v.funcs.some(inside) ? { ...v, funcs: v.funcs.map((f) => (inside(f) ? { ...f, env } : f)) } : v);
  let out = bind(ret);
  if (out.props && [...out.props.values()].some((pv) => pv.funcs.some(inside))) {
    const props = new Map<string, Value>();
    for (const [k, pv] of out.props) props.set(k, bind(pv));
    out = { ...out, props };
  }
  return out;
}

/** Read through a function so TypeScript does not narrow state mutated by callees. */
function isTerminated(frame: Frame): boolean {
  return frame.terminated;
}

function wasReentered(fn: FunctionInfo): boolean {
  return fn.reentered;
}

function paramOrigin(fn: number, index: number, path: readonly string[]): ParamOrigin {
  return { kind: 'param', key: `p${fn}:${index}:${path.join('.')}`, fn, index, path };
}

/** Positions of `arguments` a summary tracks past the declared parameters (`function assign(obj) { arguments[1] }`). */
const MAX_ARGUMENTS = 6;

/** `arguments`: element i is parameter i, also past the declared ones (variadic helpers). */
function argumentsObject(fn: FunctionInfo): Value {
  const text = fn.file.text.slice(fn.node.start, fn.node.end);
  if (!text.includes('arguments')) return { ...EMPTY, props: new Map() };
  const hasRest = fn.node.params.some((p) => p.type === 'RestElement');
  const count = hasRest ? fn.node.params.length - 1 : Math.max(fn.node.params.length, MAX_ARGUMENTS);
  const props = new Map<string, Value>([['length', { ...EMPTY, isNumber: true }]]);
  let all = EMPTY;
  for (let i = 0; i < count; i++) {
    const origin = paramOrigin(fn.id, i, []);
    const v: Value = { ...EMPTY, aliases: [origin], taints: [{ origin, steps: undefined, clean: 0, weak: false }] };
    props.set(String(i), v);
    all = join(all, v);
  }
  props.set('*', all);
  return { ...EMPTY, props };
}

function extendParam(o: ParamOrigin, name: string): ParamOrigin {
  return paramOrigin(o.fn, o.index, [...o.path, name]);
}

/** Parameter path token: the prototype-pollution flow state of the parameter object (see Value.reach). */
const REACH = '#reach';

/** The key taints an object was read with, and for a parameter object its symbolic state. */
function reachOf(v: Value): Value {
  const symbolic = (v.aliases ?? []).filter((a) => a.path.length < 4).map((a): Taint => ({ origin: extendParam(a, REACH), steps: undefined, clean: 0, weak: false }));
  return taintOnly([...(v.reach ?? []), ...symbolic]);
}

/**
 * `obj[k]` with an attacker key may be `Object.prototype`: remember the key on the value read. One read
 * from a local object reaches the prototype only through `__proto__` (`constructor.prototype` takes two).
 */
function withReach(read: Value, key: Value, obj: Value): Value {
  const deep = (obj.reach?.length ?? 0) > 0 || (obj.aliases?.length ?? 0) > 0;
  const live = key.taints.filter((t) => !isPollutionClean(t.clean) && (deep || (t.clean & PP_PROTO_BLOCKED) === 0));
  if (live.length === 0) return read;
  return join(read, { ...EMPTY, reach: live });
}

function withProp(obj: Value, key: string, v: Value): Value {
  const props = new Map(obj.props);
  props.set(key, v);
  return { ...obj, props, taints: obj.taints };
}

/** A guard on an array (`isValidPath(parts)`) also covers the elements pushed into it. */
function sanitizeWithElements(v: Value, mask: number): Value {
  const elems = v.props?.get('*');
  const own = sanitizeReach(sanitize(v, mask), mask);
  if (!elems) return own;
  const props = new Map(v.props);
  props.set('*', sanitize(elems, mask));
  return { ...own, props };
}

/** `typeof src === 'object'`: an object read with a key is not the `constructor` function, so not on that path. */
function sanitizeReach(v: Value, mask: number): Value {
  const pp = mask & (PP_PROTO_BLOCKED | PP_CTOR_BLOCKED);
  if (!v.reach || pp === 0) return v;
  return { ...v, reach: v.reach.map((t) => ({ ...t, clean: t.clean | pp })) };
}

function sanitizeElements(arr: Value, mask: number): Value {
  const props = new Map(arr.props);
  for (const [k, v] of props) props.set(k, sanitize(v, mask));
  // A new array: no longer the parameter itself, so reads from it are not fresh parameter paths.
  return { ...sanitize(arr, mask), props, aliases: undefined };
}

const LISTENER_REGISTRATIONS = new Set(['Member:on', 'Member:once', 'Member:addListener', 'Member:prependListener', 'Member:prependOnceListener']);

/** EventEmitter calls a listener (`emitter.on(event, fn)`) with `this` set to the emitter (Node docs, events). */
function listenerThis(ref: ApiRef, cbTokens: readonly string[], recv: Value | undefined): Value | undefined {
  return cbTokens.length === 1 && cbTokens[0] === 'Argument:1' && LISTENER_REGISTRATIONS.has(ref.tokens.at(-1) ?? '') ? recv : undefined;
}

/** `a`, `this`, `a.b.c`: evaluating it again has no side effects. */
function isPlainReference(e: Expression): boolean {
  if (e.type === 'Identifier' || e.type === 'ThisExpression') return true;
  return e.type === 'MemberExpression' && !e.computed && isPlainReference(e.object);
}

function arrayOf(values: readonly Value[]): Value {
  const elems = joinAll(values);
  return { ...taintsOf(elems), props: new Map([['*', elems]]) };
}

function argSelected(m: PathMatcher, i: number): boolean {
  if (m.kind !== 'Argument') return false;
  return m.set ? m.set.has(i) : i >= m.min && i <= m.max;
}

function weakenIfUnknown(ref: ApiRef, inputs: Value): Value {
  // Well-known pure helpers keep full confidence.
  return /^(JSON|String|Array|Object|path|util|Buffer)\b/.test(ref.name) ? inputs : weaken(inputs);
}

const MAX_HITS_PER_WRITE = 8;

/** `arr[i]` in `arr.forEach((k, i) => ...)` / `arr.reduce((o, k, i) => ...)`: the element parameter's name. */
function elementParamOf(fn: FunctionLike, cb: { readonly array: string; readonly method: string } | undefined, e: Expression): string | undefined {
  if (!cb || e.type !== 'MemberExpression' || !e.computed || e.object.type !== 'Identifier' || e.object.name !== cb.array || e.property.type !== 'Identifier') return undefined;
  const reduce = cb.method === 'reduce' || cb.method === 'reduceRight';
  const elem = fn.params[reduce ? 1 : 0];
  const index = fn.params[reduce ? 2 : 1];
  if (elem?.type !== 'Identifier' || index?.type !== 'Identifier' || index.name !== e.property.name) return undefined;
  return elem.name;
}

function isArrayCopy(tokens: readonly string[]): boolean {
  const path = tokens.join('.');
  return path === 'Member:from' || path === 'Member:prototype.Member:slice.Member:call';
}

/** Substitution can multiply taints (`arguments[i]` is every argument): keep one per origin and cleanness, and a bounded number. */
const MAX_SUBST_TAINTS = 16;

function uniqueTaints(ts: readonly Taint[]): readonly Taint[] {
  if (ts.length <= 1) return ts;
  const seen = new Set<string>();
  const out: Taint[] = [];
  for (const t of ts) {
    const k = taintKey(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
    if (out.length >= MAX_SUBST_TAINTS) break;
  }
  return out;
}

const BUILTIN_NAMESPACES = new Set(['g:Object', 'g:Reflect', 'g:Array', 'g:Number', 'g:String', 'g:JSON', 'g:Math', 'g:Symbol', 'g:Promise']);

/** A reference to a method of a standard built-in namespace (`Object.getOwnPropertyDescriptor`), nothing else. */
function isBuiltinFunction(v: Value): boolean {
  return v.apis.length > 0 && v.taints.length === 0 && v.funcs.length === 0 && !v.aliases && v.apis.every((r) => BUILTIN_NAMESPACES.has(r.root) && r.tokens.length === 1);
}

function summarySize(s: Summary): number {
  return s.sinks.length + s.calls.length + s.pollution.length + s.ret.taints.length + s.ret.funcs.length + s.ret.apis.length + (s.ret.props?.size ?? 0) + s.thisProps.size;
}

function stepsOf(t: Taint & { origin: SourceOrigin }, site: SinkSite): FlowStep[] {
  const source: FlowStep = { kind: 'source', location: t.origin.location, message: `${t.origin.description} is read` };
  const sink: FlowStep = { kind: 'sink', location: site.location, message: `reaches ${site.description}` };
  const middle: FlowStep[] = [];
  for (let l = t.steps; l; l = l.prev) middle.push(l.step);
  middle.reverse();
  return [source, ...middle, sink];
}

function isLiteral(e: Expression): boolean {
  return e.type === 'Literal' || (e.type === 'TemplateLiteral' && e.expressions.length === 0);
}

function declaredNames(decl: Node): string[] {
  if (decl.type === 'VariableDeclaration') {
    return decl.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  }
  if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) return [decl.id.name];
  return [];
}

import type {
  AnalysisInput,
  AnalysisLimits,
  AnalysisOptions,
  AnalysisResult,
  CallFact,
  Diagnostic,
  LibraryModel,
  ProgramFacts,
  TaintFlow,
  TaintLabel,
  ThreatModel,
} from '../core/index.js';
import { dedupeDiagnostics, DEFAULT_LIMITS } from '../core/index.js';
import { BUILTIN_MODELS } from './builtin-models.js';
import type { ParsedFile } from './parse/parse-files.js';
import { locationOf, parseFiles } from './parse/parse-files.js';
import { reportSqlQuotedParameters, runLibraryEntryPoints } from './program/entry-points.js';
import type { PackageInfo, ResolutionContext } from './program/resolve-module.js';
import { readPackageInfo } from './program/resolve-module.js';
import { detectThreatModel } from './program/threat-model.js';
import type { FileEvents } from './report/run-rules.js';
import { runRules, toCallFact } from './report/run-rules.js';
import { compileModels } from './taint/access-path.js';
import type { RawFlow } from './taint/interpreter.js';
import { Interpreter } from './taint/interpreter.js';
import { dropShadowedSqlQuotedFlows } from './taint/sql-context.js';

/** Files already parsed by the caller (e.g. in worker threads), to skip parsing in `analyzeParsed`. */
export interface PreparsedInput {
  readonly root: string;
  /** All input files (package.json included), as given to `analyze`. */
  readonly files: AnalysisInput['files'];
  readonly parsed: readonly ParsedFile[];
  readonly parseDiagnostics: readonly Diagnostic[];
  readonly parseMillis?: number;
}

/** The program model built by {@link buildProgram}: modules, functions, call graph. */
export interface ProgramModel {
  readonly interpreter: Interpreter;
  readonly threatModel: ThreatModel;
  readonly threatModelReason: string;
  readonly packages: ReadonlyMap<string, PackageInfo>;
  readonly diagnostics: Diagnostic[];
}

const OPT_IN_LABELS: Readonly<Record<string, TaintLabel>> = { argv: 'user-input', env: 'environment', files: 'file-content', sockets: 'network' };

/**
 * Build the program model and run the taint interpretation (modules evaluated, every function
 * summarised, library entry points called). Exposed for call-graph queries.
 */
export function buildProgram(input: PreparsedInput, options: AnalysisOptions): ProgramModel {
  const limits: AnalysisLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const diagnostics: Diagnostic[] = [...input.parseDiagnostics];
  const packages = new Map<string, PackageInfo>();
  for (const f of input.files) {
    if (f.path !== 'package.json' && !f.path.endsWith('/package.json')) continue;
    const info = readPackageInfo(f);
    if (info) packages.set(info.dir, info);
  }
  const rootPkg = [...packages.values()].filter((p) => !p.dir.includes('node_modules')).sort((a, b) => a.dir.length - b.dir.length)[0];
  const detected = detectThreatModel(input.files, rootPkg);
  const threatModel: ThreatModel = options.threatModel === 'auto' ? detected.threatModel : options.threatModel;
  const threatModelReason = options.threatModel === 'auto' ? detected.reason : `threat model set to ${options.threatModel} by the caller`;
  const optIn = new Set<string>(options.optInSources ?? []);
  const models: LibraryModel[] = [...BUILTIN_MODELS, ...options.models];
  const index = compileModels(models, { threatModel, optIn }, (id, message) => {
    diagnostics.push({ code: 'UNSUPPORTED_SYNTAX', message: `Model ${id}: ${message}` });
  });
  const defaultLabels = new Set<TaintLabel>(['user-input', 'library-input', ...[...optIn].map((o) => OPT_IN_LABELS[o]).filter((l): l is TaintLabel => l !== undefined)]);
  const resolution: ResolutionContext = { files: new Set(input.files.map((f) => f.path)), packages };
  const interpreter = new Interpreter(input.parsed, {
    models: index,
    resolution,
    maxCallDepth: limits.maxCallDepth,
    maxPathLength: limits.maxPathLength,
    maxMillisPerFile: limits.maxMillisPerFile,
    clock: options.clock,
    defaultLabels,
    onTaintedRegex: options.onTaintedRegex,
  });
  interpreter.evaluateAll();
  if (threatModel === 'library') runLibraryEntryPoints(interpreter, input.parsed, rootPkg, resolution);
  interpreter.summarizeAll();
  if (threatModel === 'library') reportSqlQuotedParameters(interpreter);
  dropShadowedSqlQuotedFlows(interpreter.flows);
  diagnostics.push(...interpreter.diagnostics);
  return { interpreter, threatModel, threatModelReason, packages, diagnostics };
}

/** {@link analyze} for files the caller parsed already (see `parseFiles`). */
export async function analyzeParsed(input: PreparsedInput, options: AnalysisOptions): Promise<AnalysisResult> {
  const clock = options.clock;
  const t0 = clock?.() ?? 0;
  options.onProgress?.({ phase: 'analyze', done: 0, total: input.parsed.length });
  const program = buildProgram(input, options);
  options.onProgress?.({ phase: 'analyze', done: input.parsed.length, total: input.parsed.length });
  const flows = toTaintFlows(program.interpreter.flows);
  const events = fileEvents(input.parsed, flows, program.interpreter);
  const diagnostics = program.diagnostics;
  const t1 = clock?.() ?? 0;
  const findings = await runRules(events, options.rules, program.threatModel, diagnostics, (done) => {
    options.onProgress?.({ phase: 'rules', done, total: events.length });
  });
  const lines = input.parsed.reduce((n, f) => n + f.lineStarts.length, 0);
  return {
    findings,
    diagnostics: dedupeDiagnostics(diagnostics),
    threatModel: program.threatModel,
    threatModelReason: program.threatModelReason,
    stats: {
      files: input.parsed.length,
      lines,
      functions: program.interpreter.functions.length,
      flows: flows.length,
      parseMillis: input.parseMillis ?? 0,
      analyzeMillis: t1 - t0,
    },
  };
}

/**
 * Analyse a project: parse, build the program model, follow taint from sources to sinks, run the rules.
 * Pure: no I/O, no timers (time budgets only with `options.clock`).
 *
 * @example
 * const result = await analyze({ root: 'app', files }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'auto' });
 */
export async function analyze(input: AnalysisInput, options: AnalysisOptions): Promise<AnalysisResult> {
  const clock = options.clock;
  const t0 = clock?.() ?? 0;
  options.onProgress?.({ phase: 'parse', done: 0, total: input.files.length });
  const parsed = parseFiles(input.files);
  options.onProgress?.({ phase: 'parse', done: input.files.length, total: input.files.length });
  const parseMillis = (clock?.() ?? 0) - t0;
  return analyzeParsed({ root: input.root, files: input.files, parsed: parsed.files, parseDiagnostics: parsed.diagnostics, parseMillis }, options);
}

function toTaintFlows(raw: readonly RawFlow[]): TaintFlow[] {
  const seen = new Set<string>();
  const out: TaintFlow[] = [];
  for (const f of raw) {
    // One call may apply several patterns (a helper called with different regexes): each is its own flow.
    const pattern = f.site.details?.pattern;
    const key = `${f.site.kind}|${f.site.location.file}:${f.site.location.startLine}:${f.site.location.startColumn}|${f.source.key}${f.lengthBounded ? '|bounded' : ''}${typeof pattern === 'string' ? `|${pattern}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      sinkKind: f.site.kind,
      source: { label: f.source.label, description: f.source.description, location: f.source.location },
      sink: { description: f.site.description, location: f.site.location, text: f.site.text, enclosing: f.site.enclosing },
      steps: f.steps,
      confidence: f.weak ? 'medium' : 'high',
      ...(f.site.details || f.valueSource || f.lengthBounded
        ? { details: { ...f.site.details, ...(f.valueSource ? { valueSource: f.valueSource.description } : {}), ...(f.lengthBounded ? { lengthBounded: true } : {}) } }
        : {}),
    });
  }
  return out;
}

function fileEvents(parsed: readonly ParsedFile[], flows: readonly TaintFlow[], interp: Interpreter): FileEvents[] {
  const byFile = new Map<string, TaintFlow[]>();
  for (const f of flows) {
    const list = byFile.get(f.sink.location.file);
    if (list) list.push(f);
    else byFile.set(f.sink.location.file, [f]);
  }
  const facts = new Map<string, CallFact[]>();
  const seen = new Set<string>();
  for (const c of interp.callFacts) {
    const key = `${c.file.path}:${c.node.start}:${c.api}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fact = toCallFact(c.api, locationOf(c.file, c.node.start, c.node.end), c.enclosing, c.args, c.file.text.slice(c.node.start, Math.min(c.node.end, c.node.start + 300)));
    const list = facts.get(c.file.path);
    if (list) list.push(fact);
    else facts.set(c.file.path, [fact]);
  }
  return parsed.map((file) => {
    const facts2: ProgramFacts = { file: file.path, text: file.text, calls: facts.get(file.path) ?? [] };
    return { file: file.path, flows: byFile.get(file.path) ?? [], facts: facts2 };
  });
}

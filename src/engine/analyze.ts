import type {
  AnalysisInput,
  AnalysisLimits,
  AnalysisOptions,
  AnalysisResult,
  CallFact,
  Diagnostic,
  PartJob,
  PartResult,
  PartRunner,
  TaintFlow,
  TaintLabel,
  ThreatModel,
} from '../core/index.js';
import { dedupeDiagnostics, DEFAULT_LIMITS } from '../core/index.js';
import { BUILTIN_MODELS } from './builtin-models.js';
import type { ParsedFile } from './parse/parse-files.js';
import { computeLineStarts, isSourcePath, locationOf, parseFiles, parseSource } from './parse/parse-files.js';
import { entryModules, reportSqlQuotedParameters, runLibraryEntryPoints } from './program/entry-points.js';
import { partitionProgram } from './program/program-parts.js';
import type { PackageInfo, ResolutionContext } from './program/resolve-module.js';
import { readPackageInfo } from './program/resolve-module.js';
import { detectThreatModel } from './program/threat-model.js';
import type { FileEvents } from './report/run-rules.js';
import { runRules, toCallFact } from './report/run-rules.js';
import { compiledModelIndex } from './taint/access-path.js';
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

/** What a program's parts share: its packages, its resolution context and the threat model decided for the whole. */
interface ProgramSetup {
  readonly packages: Map<string, PackageInfo>;
  readonly rootPkg: PackageInfo | undefined;
  readonly resolution: ResolutionContext;
  readonly threatModel: ThreatModel;
  readonly threatModelReason: string;
}

function setupProgram(files: AnalysisInput['files'], options: Pick<AnalysisOptions, 'threatModel'>): ProgramSetup {
  const packages = new Map<string, PackageInfo>();
  for (const f of files) {
    if (!isManifest(f.path)) continue;
    const info = readPackageInfo(f);
    if (info) packages.set(info.dir, info);
  }
  const rootPkg = [...packages.values()].filter((p) => !p.dir.includes('node_modules')).sort((a, b) => a.dir.length - b.dir.length)[0];
  const resolution: ResolutionContext = { files: new Set(files.map((f) => f.path)), packages };
  if (options.threatModel !== 'auto') return { packages, rootPkg, resolution, threatModel: options.threatModel, threatModelReason: `threat model set to ${options.threatModel} by the caller` };
  const detected = detectThreatModel(files, rootPkg);
  return { packages, rootPkg, resolution, threatModel: detected.threatModel, threatModelReason: detected.reason };
}

/** How to interpret one part of a program (or the whole): its files, and what the whole decided. */
interface PartScope {
  readonly parsed: readonly ParsedFile[];
  /** Library entry modules of the whole program that are in this part, in the whole's order. */
  readonly entries: readonly ParsedFile[];
  readonly programLines: number;
  /** Set when `parsed` is one part of the program: whether a code file is in another part. */
  readonly outsidePart?: (path: string) => boolean;
}

function interpret(setup: ProgramSetup, scope: PartScope, options: Pick<AnalysisOptions, 'models' | 'optInSources' | 'limits' | 'clock' | 'onTaintedRegex'>): { interpreter: Interpreter; diagnostics: Diagnostic[] } {
  const limits: AnalysisLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const diagnostics: Diagnostic[] = [];
  const { threatModel, resolution } = setup;
  const optIn = new Set<string>(options.optInSources ?? []);
  const index = compiledModelIndex(BUILTIN_MODELS, options.models, { threatModel, optIn }, (id, message) => {
    diagnostics.push({ code: 'UNSUPPORTED_SYNTAX', message: `Model ${id}: ${message}` });
  });
  const defaultLabels = new Set<TaintLabel>(['user-input', 'library-input', ...[...optIn].map((o) => OPT_IN_LABELS[o]).filter((l): l is TaintLabel => l !== undefined)]);
  const interpreter = new Interpreter(scope.parsed, {
    models: index,
    resolution,
    maxCallDepth: limits.maxCallDepth,
    maxPathLength: limits.maxPathLength,
    maxMillisPerFile: limits.maxMillisPerFile,
    clock: options.clock,
    defaultLabels,
    onTaintedRegex: options.onTaintedRegex,
    programLines: scope.programLines,
    ...(scope.outsidePart ? { outsidePart: scope.outsidePart } : {}),
  });
  interpreter.evaluateAll();
  if (threatModel === 'library') runLibraryEntryPoints(interpreter, scope.entries);
  interpreter.summarizeAll();
  if (threatModel === 'library') reportSqlQuotedParameters(interpreter);
  dropShadowedSqlQuotedFlows(interpreter.flows);
  diagnostics.push(...interpreter.diagnostics);
  return { interpreter, diagnostics };
}

/** A code file, parsed (with its line index) or not yet. */
type CodeFile = Pick<ParsedFile, 'path' | 'text'> & { readonly lineStarts?: readonly number[] };

/** Lines of the files as the line index counts them (a parsed file has it already). */
function linesOf(code: readonly CodeFile[]): number {
  return code.reduce((n, f) => n + (f.lineStarts ?? computeLineStarts(f.text)).length, 0);
}

function libraryEntries<F extends CodeFile>(setup: ProgramSetup, code: readonly F[]): F[] {
  return setup.threatModel === 'library' ? entryModules(code, setup.rootPkg, setup.resolution) : [];
}

/**
 * Build the program model and run the taint interpretation (modules evaluated, every function
 * summarised, library entry points called), over the whole program at once. Exposed for call-graph queries.
 */
export function buildProgram(input: PreparsedInput, options: AnalysisOptions): ProgramModel {
  const setup = setupProgram(input.files, options);
  const { interpreter, diagnostics } = interpret(setup, { parsed: input.parsed, entries: libraryEntries(setup, input.parsed), programLines: linesOf(input.parsed) }, options);
  return { interpreter, threatModel: setup.threatModel, threatModelReason: setup.threatModelReason, packages: setup.packages, diagnostics: [...input.parseDiagnostics, ...diagnostics] };
}

/** Options of {@link analyzePart}: {@link AnalysisOptions} without what the job carries. */
export type PartOptions = Pick<AnalysisOptions, 'models' | 'clock' | 'onTaintedRegex'>;

/** Interpret one part of a program (a {@link PartJob}), parsing its files; for a worker thread. */
export function analyzePart(job: PartJob, options: PartOptions): PartResult {
  const parsed = parseFiles(job.files);
  return interpretPart(job, parsed.files, options, parsed.diagnostics, setupOfJob(job));
}

/** On a worker thread: the whole program's packages and resolution context, rebuilt from what the job carries. */
function setupOfJob(job: PartJob): ProgramSetup {
  return setupProgram([...job.manifests, ...job.paths.filter((p) => !isManifest(p)).map((path) => ({ path, text: '' }))], { threatModel: job.threatModel });
}

function interpretPart(job: PartJob, parsed: readonly ParsedFile[], options: PartOptions, parseDiagnostics: readonly Diagnostic[], setup: ProgramSetup): PartResult {
  const own = new Set(job.files.map((f) => f.path));
  const byPath = new Map(parsed.map((f) => [f.path, f]));
  const scope: PartScope = {
    parsed,
    entries: job.entryPaths.map((p) => byPath.get(p)).filter((f): f is ParsedFile => f !== undefined),
    programLines: job.programLines,
    outsidePart: (path) => !own.has(path) && isSourcePath(path),
  };
  const { interpreter, diagnostics } = interpret(setup, scope, { ...options, ...(job.optInSources ? { optInSources: job.optInSources } : {}), ...(job.limits ? { limits: job.limits } : {}) });
  const flows = toTaintFlows(interpreter.flows);
  return {
    flows,
    facts: [...callFactsByFile(interpreter)],
    diagnostics: [...parseDiagnostics, ...diagnostics],
    functions: interpreter.functions.length,
    ...(interpreter.leftPart !== undefined ? { leftPart: interpreter.leftPart } : {}),
  };
}

function isManifest(path: string): boolean {
  return path === 'package.json' || path.endsWith('/package.json');
}

/** Parts of fewer lines than this are interpreted with the rest: a worker thread would not pay for itself. */
const MIN_PART_LINES = 200;

/**
 * What every part's job shares: the whole program's paths, manifests, entry modules, size and options. `code` is
 * what entry modules and size are taken from: the parsed files, or the source files before they are parsed.
 */
function wholeJob(input: Pick<PreparsedInput, 'root' | 'files'>, code: readonly CodeFile[], setup: ProgramSetup, options: AnalysisOptions): PartJob {
  return {
    root: input.root,
    paths: input.files.map((f) => f.path),
    manifests: input.files.filter((f) => isManifest(f.path)),
    files: input.files.filter((f) => isSourcePath(f.path)),
    threatModel: setup.threatModel,
    entryPaths: libraryEntries(setup, code).map((f) => f.path),
    programLines: linesOf(code),
    ...(options.optInSources ? { optInSources: options.optInSources } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
}

/** The job of interpreting `paths` (code files of the program, in its order) as one part of it. */
function partJob(whole: PartJob, paths: readonly string[]): PartJob {
  const inPart = new Set(paths);
  return { ...whole, files: whole.files.filter((f) => inPart.has(f.path)), entryPaths: whole.entryPaths.filter((p) => inPart.has(p)) };
}

/**
 * Split the program into parts worth interpreting apart (program-parts.ts), when the caller can run them: parts too
 * small to pay for a thread go together into one. The whole program's job when it does not split.
 */
function planParts(code: readonly CodeFile[], setup: ProgramSetup, options: AnalysisOptions, whole: PartJob): PartJob[] {
  if (!options.runParts) return [whole];
  const lines = new Map(code.map((f) => [f.path, linesOf([f])]));
  const parts: string[][] = [];
  const small: string[] = [];
  for (const p of partitionProgram(whole.files, setup.resolution)) {
    if (p.reduce((n, path) => n + (lines.get(path) ?? 0), 0) >= MIN_PART_LINES) parts.push(p);
    else small.push(...p);
  }
  if (small.length > 0) parts.push(small);
  return parts.length <= 1 ? [whole] : parts.map((p) => partJob(whole, p));
}

/** {@link analyze} for files the caller parsed already (see `parseFiles`). */
export async function analyzeParsed(input: PreparsedInput, options: AnalysisOptions): Promise<AnalysisResult> {
  return analyzeParsedWith(input, options);
}

/**
 * {@link analyzeParsed}, given the setup of a program {@link analyze} found to be one part from its source texts (parts
 * are planned over the same paths, so the parsed files are one part too and are not planned again).
 */
async function analyzeParsedWith(input: PreparsedInput, options: AnalysisOptions, onePart?: ProgramSetup): Promise<AnalysisResult> {
  const clock = options.clock;
  const t0 = clock?.() ?? 0;
  options.onProgress?.({ phase: 'analyze', done: 0, total: input.parsed.length });
  const setup = onePart ?? setupProgram(input.files, options);
  const parsedByPath = new Map(input.parsed.map((f) => [f.path, f]));
  const runHere = (job: PartJob): PartResult =>
    interpretPart(job, job.files.map((f) => parsedByPath.get(f.path)).filter((f): f is ParsedFile => f !== undefined), options, [], setup);
  const whole = wholeJob(input, input.parsed, setup, options);
  const jobs = onePart ? [whole] : planParts(input.parsed, setup, options, whole);
  let results = jobs.length > 1 && options.runParts ? await options.runParts(jobs, runHere) : jobs.map(runHere);
  // An import the text did not show joined two parts: their results are not the whole program's. Interpret it at once.
  if (jobs.length > 1 && results.some((r) => r.leftPart !== undefined)) results = [runHere(whole)];
  return finishAnalysis({ code: input.parsed, parseDiagnostics: input.parseDiagnostics, parseMillis: input.parseMillis ?? 0 }, setup, results, options, t0);
}

/** The parsed code files (their paths and texts: the parts may have parsed them elsewhere), and how parsing went. */
interface ParsedCode {
  readonly code: readonly CodeFile[];
  /** Parse failures not already among the parts' diagnostics. */
  readonly parseDiagnostics: readonly Diagnostic[];
  readonly parseMillis: number;
}

/** From the parts' results to the analysis result: the rules run on every parsed file, with its flows and facts. */
async function finishAnalysis(input: ParsedCode, setup: ProgramSetup, results: readonly PartResult[], options: AnalysisOptions, t0: number): Promise<AnalysisResult> {
  const clock = options.clock;
  options.onProgress?.({ phase: 'analyze', done: input.code.length, total: input.code.length });
  const flows = results.flatMap((r) => r.flows);
  const facts = new Map(results.flatMap((r) => r.facts));
  const flowsByFile = new Map<string, TaintFlow[]>();
  for (const f of flows) {
    const list = flowsByFile.get(f.sink.location.file);
    if (list) list.push(f);
    else flowsByFile.set(f.sink.location.file, [f]);
  }
  const analysed = input.code.map((file) => ({ file: file.path, text: file.text }));
  const events = input.code.map((file): FileEvents => ({ file: file.path, flows: flowsByFile.get(file.path) ?? [], facts: { file: file.path, text: file.text, calls: facts.get(file.path) ?? [], analysed } }));
  const diagnostics = [...input.parseDiagnostics, ...results.flatMap((r) => r.diagnostics)];
  const t1 = clock?.() ?? 0;
  const findings = await runRules(events, options.rules, setup.threatModel, diagnostics, (done) => {
    options.onProgress?.({ phase: 'rules', done, total: events.length });
  });
  return {
    findings,
    diagnostics: dedupeDiagnostics(diagnostics),
    threatModel: setup.threatModel,
    threatModelReason: setup.threatModelReason,
    stats: {
      files: input.code.length,
      lines: linesOf(input.code),
      functions: results.reduce((n, r) => n + r.functions, 0),
      flows: flows.length,
      parseMillis: input.parseMillis,
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
  const inParts = options.runParts ? await analyzeInParts(input, options.runParts, options, t0) : undefined;
  if (inParts && 'findings' in inParts) return inParts;
  const parsed = parseFiles(input.files);
  options.onProgress?.({ phase: 'parse', done: input.files.length, total: input.files.length });
  const parseMillis = (clock?.() ?? 0) - t0;
  const preparsed = { root: input.root, files: input.files, parsed: parsed.files, parseDiagnostics: parsed.diagnostics, parseMillis };
  return analyzeParsedWith(preparsed, options, inParts);
}

/**
 * {@link analyze} with a part runner: the parts are planned from the source texts and each part's files are parsed
 * where the part runs, so the threads start at once instead of after this thread has parsed the whole program.
 * Entry modules and size are taken from the source files, a file that does not parse included. When the program
 * does not split, the program's setup: the caller parses it and goes on as without a runner.
 */
async function analyzeInParts(input: AnalysisInput, runParts: PartRunner, options: AnalysisOptions, t0: number): Promise<AnalysisResult | ProgramSetup> {
  const setup = setupProgram(input.files, options);
  const sources = input.files.filter((f) => isSourcePath(f.path));
  const whole = wholeJob(input, sources, setup, options);
  const jobs = planParts(sources, setup, options, whole);
  if (jobs.length <= 1) return setup;
  const parsedHere = new Map<string, ReturnType<typeof parseSource>>();
  let parseMillis = 0;
  const runHere = (job: PartJob): PartResult => {
    const started = options.clock?.() ?? 0;
    const files: ParsedFile[] = [];
    const parseDiagnostics: Diagnostic[] = [];
    for (const f of job.files) {
      let outcome = parsedHere.get(f.path);
      if (!outcome) parsedHere.set(f.path, (outcome = parseSource(f)));
      if ('file' in outcome) files.push(outcome.file);
      else parseDiagnostics.push(outcome.diagnostic);
    }
    parseMillis += (options.clock?.() ?? 0) - started;
    return interpretPart(job, files, options, parseDiagnostics, setup);
  };
  options.onProgress?.({ phase: 'parse', done: input.files.length, total: input.files.length });
  options.onProgress?.({ phase: 'analyze', done: 0, total: sources.length });
  let results = await runParts(jobs, runHere);
  // An import the text did not show joined two parts: their results are not the whole program's. Interpret it at once.
  if (results.some((r) => r.leftPart !== undefined)) results = [runHere(whole)];
  // Every part reports the parse failures of its files (analyzePart, runHere): the others are the parsed code.
  const failed = new Set(results.flatMap((r) => r.diagnostics.filter((d) => d.code === 'PARSE_FAILED').map((d) => d.file)));
  const code = sources
    .filter((f) => !failed.has(f.path))
    .map((f) => {
      const here = parsedHere.get(f.path);
      return here && 'file' in here ? here.file : f;
    });
  return finishAnalysis({ code, parseDiagnostics: [], parseMillis }, setup, results, options, t0);
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

function callFactsByFile(interp: Interpreter): Map<string, CallFact[]> {
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
  return facts;
}

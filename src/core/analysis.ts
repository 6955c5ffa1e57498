import type { Diagnostic } from './diagnostic.js';
import type { Finding, ThreatModel } from './finding.js';
import type { LibraryModel } from './model.js';
import type { CallFact, Rule, TaintFlow } from './rule.js';

/** One file handed to the engine. `path` is relative to the root, with `/`. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** What the engine analyses: files already read (the engine does no I/O). `package.json` files are included. */
export interface AnalysisInput {
  /** Display name of the scanned root (never read by the engine). */
  readonly root: string;
  readonly files: readonly SourceFile[];
}

/** Bounds that turn into `BUDGET_EXCEEDED` diagnostics, never hangs. */
export interface AnalysisLimits {
  /** Deepest call chain followed when applying summaries. */
  readonly maxCallDepth: number;
  /** Time budget per file in milliseconds, measured with `clock`. */
  readonly maxMillisPerFile: number;
  /** Longest data-flow path reported. */
  readonly maxPathLength: number;
}

/** Default limits. */
export const DEFAULT_LIMITS: AnalysisLimits = { maxCallDepth: 12, maxMillisPerFile: 5_000, maxPathLength: 40 };

/** Progress events, for the CLI's progress bar. */
export type AnalysisProgress =
  | { readonly phase: 'parse'; readonly done: number; readonly total: number }
  | { readonly phase: 'analyze'; readonly done: number; readonly total: number }
  | { readonly phase: 'rules'; readonly done: number; readonly total: number };

/** Options of `analyze`. Everything configurable travels here (no globals). */
export interface AnalysisOptions {
  readonly rules: readonly Rule[];
  readonly models: readonly LibraryModel[];
  readonly threatModel: ThreatModel | 'auto';
  /** Opt-in sources: `process.argv`, `process.env`, file contents, sockets. */
  readonly optInSources?: readonly ('argv' | 'env' | 'files' | 'sockets')[];
  readonly limits?: Partial<AnalysisLimits>;
  /** Monotonic clock in milliseconds (the engine reads no timers itself). */
  readonly clock?: () => number;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /**
   * Told of each regular expression that tainted input reaches, as soon as the interpretation finds it and
   * before the rules run, so that a caller can start an expensive check of the pattern (the ReDoS rule's
   * automaton) on another thread meanwhile. The engine itself does nothing with it.
   */
  readonly onTaintedRegex?: (pattern: string, flags: string) => void;
  /**
   * Interpret the independent parts of the program (files no import connects) apart, through this runner, which
   * may run some on other threads (`yagura scan` does). Without it the engine interprets the whole program at once.
   * The findings are the same either way.
   */
  readonly runParts?: PartRunner;
}

/**
 * One part of a program to interpret (files no import connects to the rest), as plain data that can cross to a
 * worker thread. `files` are the part's code files; `paths` and `manifests` describe the whole program.
 */
export interface PartJob {
  readonly root: string;
  readonly paths: readonly string[];
  readonly manifests: readonly SourceFile[];
  readonly files: readonly SourceFile[];
  /** The threat model decided for the whole program. */
  readonly threatModel: ThreatModel;
  /** Library entry modules of the whole program in this part, in the whole's order. */
  readonly entryPaths: readonly string[];
  /** Lines of the whole program (the interpreter's budgets are the whole's). */
  readonly programLines: number;
  readonly optInSources?: AnalysisOptions['optInSources'];
  readonly limits?: AnalysisOptions['limits'];
}

/** What interpreting one part found, as plain data. */
export interface PartResult {
  readonly flows: readonly TaintFlow[];
  readonly facts: readonly (readonly [string, readonly CallFact[]])[];
  readonly diagnostics: readonly Diagnostic[];
  readonly functions: number;
  /** A code file of another part that the code imported (a specifier the text did not show): not the whole's results. */
  readonly leftPart?: string;
}

/**
 * Runs the parts of a program, e.g. some on worker threads; `runHere` interprets one on the calling thread.
 * Results come back in the order of `jobs`.
 */
export type PartRunner = (jobs: readonly PartJob[], runHere: (job: PartJob) => PartResult) => Promise<readonly PartResult[]>;

/** Counters of one analysis. */
export interface AnalysisStats {
  readonly files: number;
  readonly lines: number;
  readonly functions: number;
  readonly flows: number;
  readonly parseMillis: number;
  readonly analyzeMillis: number;
}

/** What the engine returns. */
export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The threat model actually used (`auto` resolved) and why. */
  readonly threatModel: ThreatModel;
  readonly threatModelReason: string;
  readonly stats: AnalysisStats;
}

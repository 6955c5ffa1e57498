import { createRequire } from 'node:module';

import type { AST } from '@eslint-community/regexpp';
import { parseRegExpLiteral } from '@eslint-community/regexpp';
import type { Diagnostics, Parameters, checkSync } from 'recheck';

import { findPolynomialOverlap, isProvablyLinear, isTriviallyLinear } from '../../engine/index.js';

// recheck's main entry picks a backend from environment variables and may spawn a worker, the Java agent
// or a native binary; lib/browser.js is the pure Scala.js checker, run synchronously in this thread. It is
// a CommonJS bundle whose named exports ESM loaders cannot see, hence require().
const recheckPure = createRequire(import.meta.url)('recheck/lib/browser.js') as { checkSync: typeof checkSync };

/** What the ReDoS analysis concluded about one pattern. */
export type RegexVerdict =
  | { readonly status: 'safe' }
  | { readonly status: 'unknown'; readonly reason: string }
  | {
      readonly status: 'vulnerable';
      readonly complexity: 'exponential' | 'polynomial';
      /** Degree of the polynomial; absent for exponential. */
      readonly degree?: number;
      /** JavaScript expression building the attack string, e.g. `'a'.repeat(31) + '\x00'`. */
      readonly attackPattern: string;
      /** The attack string itself when short enough to store (at most {@link MAX_STORED_ATTACK}). */
      readonly attackString?: string;
      readonly pumps: readonly { readonly prefix: string; readonly pump: string }[];
      readonly suffix: string;
      /** Character ranges of the pattern responsible for the backtracking. */
      readonly hotspots: readonly { readonly start: number; readonly end: number }[];
      /** Which analysis decided: recheck's automaton or fuzzer, or the overlap shapes of the engine's overlap-check.ts. */
      readonly checker: 'automaton' | 'fuzz' | 'overlap';
    };

/** Longest attack string copied into finding properties; longer ones are rebuilt from the pattern. */
export const MAX_STORED_ATTACK = 4096;

/** Bounds of one check: the analysis gives up with `unknown` instead of hanging. */
const PARAMS: Parameters = {
  timeout: 2_000,
  // Fuzzing is randomised; a fixed seed keeps findings reproducible between scans.
  randomSeed: 42,
  maxAttackStringSize: 100_000,
  attackTimeout: 500,
};
/**
 * Only the automaton checker runs: it is exact and deterministic when it finishes. The fuzz checker was
 * dropped after measuring it on the engine corpus: no detection of its own, one false alarm, 15 s of
 * the 24 s spent on regexes, and verdicts that depend on machine load.
 */
const AUTOMATON: Parameters = { ...PARAMS, checker: 'automaton', timeout: 1_000 };
/**
 * When the overlap check has already found a polynomial shape, recheck only refines it (exponential degree, a
 * validated attack string). It answers those within about 100 ms or not within its full second either: measured
 * on the engine corpus, the patterns that ran to the 1 s timeout took 6.5 s of 14 s of regex analysis and then
 * fell back to the overlap verdict anyway.
 */
const AUTOMATON_REFINE: Parameters = { ...AUTOMATON, timeout: 200 };

/**
 * Runs recheck's automaton checker on one pattern. The default runs it synchronously in this thread; a caller
 * may supply one that runs it on a worker thread (the check is CPU-bound and independent of the analysis).
 * It resolves, never rejects: internal failures of recheck come back as `unknown`.
 */
export type AutomatonCheck = (pattern: string, flags: string, params: Parameters) => Promise<RecheckOutcome>;

/** Where a {@link ConcurrentRegexComplexityCache} runs the automaton. */
export interface AutomatonBackend {
  readonly check: AutomatonCheck;
  /** Run on the calling thread the checks not started elsewhere yet (the caller is about to wait for them). */
  runQueuedHere?(): void;
}

/** What recheck answered, reduced to what the verdict needs. */
export type RecheckOutcome = Extract<Diagnostics, { status: 'vulnerable' }> | { status: 'safe' } | { status: 'unknown'; reason: string };

/** A verdict decided without recheck, or the recheck run still needed and what to fall back on. */
type RegexCheckPlan =
  | { readonly verdict: RegexVerdict }
  | { readonly params: Parameters; readonly overlap: ReturnType<typeof findPolynomialOverlap> };

/**
 * How much a pattern may cost. `full`: recheck's automaton up to its timeout. `table`: the pattern is one of many
 * behind one call (a user-agent table of hundreds), so only the cheap checks run: the overlap shapes, and recheck
 * with the short budget only on nested loops, the shape of exponential backtracking.
 */
export type RegexEffort = 'full' | 'table';

function planRegexCheck(pattern: string, flags: string, effort: RegexEffort): RegexCheckPlan {
  if (isTriviallyLinear(pattern, flags)) return { verdict: { status: 'safe' } };
  // Without an ambiguous loop recheck has nothing to find; it would spend up to its timeout saying so.
  const linear = isProvablyLinear(pattern, flags);
  // Shapes the automaton misses (the implicit prefix of a search) or times out on (case-insensitive classes).
  const overlap = findPolynomialOverlap(pattern, flags);
  if (linear) return { verdict: overlap ? fromOverlap(overlap) : { status: 'safe' } };
  if (effort === 'table') {
    if (overlap) return { verdict: fromOverlap(overlap) };
    if (!hasNestedLoop(pattern, flags)) return { verdict: { status: 'unknown', reason: 'one of a table of patterns: only the cheap checks ran' } };
    return { params: AUTOMATON_REFINE, overlap: undefined };
  }
  return { params: overlap ? AUTOMATON_REFINE : AUTOMATON, overlap };
}

function finishRegexCheck(result: RecheckOutcome, overlap: ReturnType<typeof findPolynomialOverlap>): RegexVerdict {
  if (result.status === 'vulnerable') return fromRecheck(result);
  if (overlap) return fromOverlap(overlap);
  return result;
}

/**
 * Analyse a pattern for super-linear backtracking with recheck (automaton theory plus fuzzing).
 * Deterministic for a given pattern except when the time budget runs out (`unknown`).
 */
export function analyzeRegexComplexity(pattern: string, flags: string, effort: RegexEffort = 'full'): RegexVerdict {
  const plan = planRegexCheck(pattern, flags, effort);
  if ('verdict' in plan) return plan.verdict;
  return finishRegexCheck(runRecheck(pattern, flags, plan.params), plan.overlap);
}

/** {@link analyzeRegexComplexity} with the automaton run by `check` (e.g. on a worker thread). */
export async function analyzeRegexComplexityWith(check: AutomatonCheck, pattern: string, flags: string, effort: RegexEffort = 'full'): Promise<RegexVerdict> {
  const plan = planRegexCheck(pattern, flags, effort);
  if ('verdict' in plan) return plan.verdict;
  return finishRegexCheck(await check(pattern, flags, plan.params), plan.overlap);
}

/** Run recheck's pure checker synchronously in this thread (what {@link analyzeRegexComplexity} uses). */
export function runRecheck(pattern: string, flags: string, params: Parameters): RecheckOutcome {
  try {
    return recheckOutcome(recheckPure.checkSync(pattern, flags, params));
  } catch (error: unknown) {
    return recheckFailure(error);
  }
}

/** recheck's diagnostics reduced to a {@link RecheckOutcome}. */
export function recheckOutcome(d: Diagnostics): RecheckOutcome {
  if (d.status === 'unknown') return { status: 'unknown', reason: d.error.kind };
  return d.status === 'safe' ? { status: 'safe' } : d;
}

/** The Scala.js runtime throws plain errors on internal failures; the scan must go on, with an `unknown` verdict. */
export function recheckFailure(error: unknown): RecheckOutcome {
  return { status: 'unknown', reason: error instanceof Error ? error.message : String(error) };
}

function fromOverlap(o: NonNullable<ReturnType<typeof findPolynomialOverlap>>): RegexVerdict {
  const repeat = 10_000;
  const attackString = o.prefix + o.pump.repeat(repeat) + o.suffix;
  return {
    status: 'vulnerable',
    complexity: 'polynomial',
    degree: 2,
    attackPattern: `${JSON.stringify(o.prefix)} + ${JSON.stringify(o.pump)}.repeat(${String(repeat)}) + ${JSON.stringify(o.suffix)}`,
    ...(attackString.length <= MAX_STORED_ATTACK ? { attackString } : {}),
    pumps: [{ prefix: o.prefix, pump: o.pump }],
    suffix: o.suffix,
    hotspots: o.hotspots,
    checker: 'overlap',
  };
}

function fromRecheck(result: Extract<Diagnostics, { status: 'vulnerable' }>): RegexVerdict {
  const { attack, complexity } = result;
  return {
    status: 'vulnerable',
    complexity: complexity.type,
    ...(complexity.type === 'polynomial' ? { degree: complexity.degree } : {}),
    attackPattern: attack.pattern,
    ...(attack.string.length <= MAX_STORED_ATTACK ? { attackString: attack.string } : {}),
    pumps: attack.pumps.map(({ prefix, pump }) => ({ prefix, pump })),
    suffix: attack.suffix,
    hotspots: result.hotspot.filter((h) => h.temperature === 'heat').map(({ start, end }) => ({ start, end })),
    checker: result.checker,
  };
}

/** Whether an unbounded loop sits inside another repeated part (`(a+)+`, `(\w+\s?)*`). */
export function hasNestedLoop(pattern: string, flags: string): boolean {
  let ast: AST.RegExpLiteral;
  try {
    ast = parseRegExpLiteral(new RegExp(pattern, flags));
  } catch {
    return false;
  }
  const visit = (node: AST.Node, repeatedAbove: boolean): boolean => {
    if (node.type === 'Quantifier') {
      if (node.max === Infinity && repeatedAbove) return true;
      return visit(node.element, repeatedAbove || node.max > 1);
    }
    const children: readonly AST.Node[] =
      node.type === 'Pattern' || node.type === 'Group' || node.type === 'CapturingGroup' || node.type === 'Assertion'
        ? 'alternatives' in node
          ? node.alternatives
          : []
        : node.type === 'Alternative'
          ? node.elements
          : [];
    return children.some((c) => visit(c, repeatedAbove));
  };
  return visit(ast.pattern, false);
}

/** Cache key of a verdict; a table verdict is kept apart, since it never stands in for a full one. */
function verdictKey(pattern: string, flags: string, effort: RegexEffort): string {
  return `${effort === 'table' ? 'table:' : ''}${flags}/${pattern}`;
}

/**
 * Memoise {@link analyzeRegexComplexity} per pattern and flags: a pattern in a hot loop or in many files
 * is analysed once. Bounded so a hostile repository cannot grow it without limit.
 */
export class RegexComplexityCache implements RegexComplexityChecker {
  private readonly verdicts = new Map<string, RegexVerdict>();

  constructor(private readonly maxEntries = 2_000) {}

  analyze(pattern: string, flags: string, effort: RegexEffort = 'full'): RegexVerdict {
    const key = verdictKey(pattern, flags, effort);
    // A full verdict serves a table member too.
    const cached = this.verdicts.get(verdictKey(pattern, flags, 'full')) ?? this.verdicts.get(key);
    if (cached) return cached;
    const verdict = analyzeRegexComplexity(pattern, flags, effort);
    if (this.verdicts.size >= this.maxEntries) {
      const oldest = this.verdicts.keys().next();
      if (oldest.done !== true) this.verdicts.delete(oldest.value);
    }
    this.verdicts.set(key, verdict);
    return verdict;
  }
}

/** Where the ReDoS rule gets its verdicts: {@link RegexComplexityCache} or {@link ConcurrentRegexComplexityCache}. */
export interface RegexComplexityChecker {
  analyze(pattern: string, flags: string, effort?: RegexEffort): RegexVerdict | Promise<RegexVerdict>;
  /** Start analysing a pattern whose verdict will be asked for later (see `AnalysisOptions.onTaintedRegex`). */
  prefetch?(pattern: string, flags: string): void;
  /** The caller is about to wait for verdicts: help with the checks not started yet. */
  runQueuedHere?(): void;
}

/**
 * {@link RegexComplexityCache} whose automaton runs elsewhere (`check`, e.g. a worker thread): a pattern
 * prefetched while the engine still interprets the program is checked meanwhile, and the ReDoS rule awaits
 * the verdict. Same verdicts as the synchronous cache: recheck's time budget runs from the start of each check.
 */
export class ConcurrentRegexComplexityCache implements RegexComplexityChecker {
  private readonly verdicts = new Map<string, Promise<RegexVerdict>>();

  constructor(
    private readonly backend: AutomatonBackend,
    private readonly maxEntries = 2_000,
  ) {}

  runQueuedHere(): void {
    this.backend.runQueuedHere?.();
  }

  prefetch(pattern: string, flags: string): void {
    // A failure is reported to the rule that awaits the same promise (as a crash of that rule), not here.
    this.analyze(pattern, flags).catch(() => undefined);
  }

  analyze(pattern: string, flags: string, effort: RegexEffort = 'full'): Promise<RegexVerdict> {
    const key = verdictKey(pattern, flags, effort);
    const cached = this.verdicts.get(verdictKey(pattern, flags, 'full')) ?? this.verdicts.get(key);
    if (cached) return cached;
    const verdict = analyzeRegexComplexityWith(this.backend.check, pattern, flags, effort);
    if (this.verdicts.size >= this.maxEntries) {
      const oldest = this.verdicts.keys().next();
      if (oldest.done !== true) this.verdicts.delete(oldest.value);
    }
    this.verdicts.set(key, verdict);
    return verdict;
  }
}

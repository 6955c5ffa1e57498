import { createRule } from '../../core/index.js';
import type { Rule, TaintFlow } from '../../core/index.js';
import type { RegexComplexityChecker, RegexVerdict } from './regex-complexity.js';
import { RegexComplexityCache } from './regex-complexity.js';

/**
 * Build the ReDoS rule around a verdict cache. `ALL_RULES` holds one instance, so a pattern is analysed
 * once per process (a memo of a pure function, not configuration). A caller may pass a
 * {@link ConcurrentRegexComplexityCache} to run recheck off the analysis thread.
 */
export function createRedosRule(cache: RegexComplexityChecker = new RegexComplexityCache()): Rule {
  return createRule({
    id: 'redos',
    meta: {
      description: 'Detect untrusted input matched against a regular expression with super-linear backtracking',
      severity: 'high',
      cwe: ['CWE-1333'],
      status: 'experimental',
      sinkKinds: ['redos'],
      messages: {
        exponentialBacktracking:
          'Input from {{source}} is matched by {{sink}} against /{{pattern}}/, which backtracks exponentially (attack: {{attack}}).',
        polynomialBacktracking:
          'Input from {{source}} is matched by {{sink}} against /{{pattern}}/, which backtracks in {{complexity}} time (attack: {{attack}}).',
        exposedExponential:
          'Exposed regex: {{sink}}, /{{pattern}}/, is run on {{source}} and backtracks exponentially (attack: {{attack}}).',
        exposedPolynomial:
          'Exposed regex: {{sink}}, /{{pattern}}/, is run on {{source}} and backtracks in {{complexity}} time (attack: {{attack}}).',
      },
      explanation:
        'JavaScript regular expressions backtrack. When a pattern can match the same text in many ways (nested or ' +
        'adjacent overlapping quantifiers such as `(a+)+` or `\\s*x*\\s*`), a crafted string takes exponential or ' +
        'polynomial time and blocks the single-threaded event loop: one request stalls the whole service.',
      fix:
        'Rewrite the pattern so that each character can be matched in only one way (make alternatives disjoint, ' +
        'remove nested quantifiers, anchor and bound repetitions such as `{1,64}`), limit the input length before ' +
        'matching, or use a linear-time engine (RE2). The attack string in the finding reproduces the slowdown.',
    },
    create: (context) => {
      // Verdicts may come from another thread: every check of the file starts at once, reports follow in flow order.
      const pending: { readonly flow: TaintFlow; readonly pattern: string; readonly verdict: RegexVerdict | Promise<RegexVerdict> }[] = [];
      const report = (flow: TaintFlow, pattern: string, verdict: RegexVerdict): void => {
        const flags = flow.details?.flags;
        if (verdict.status !== 'vulnerable') return;
        const exponential = verdict.complexity === 'exponential';
        // A length check before the match bounds a polynomial slowdown, not an exponential one.
        if (!exponential && flow.details?.lengthBounded === true) return;
        const complexity = exponential ? 'exponential' : `O(n^${verdict.degree ?? 2})`;
        // A regex the library exports or returns: its consumers supply the input (the sink is the regex).
        const exposed = flow.details?.exposed === true;
        context.report({
          flow,
          messageId: exposed ? (exponential ? 'exposedExponential' : 'exposedPolynomial') : exponential ? 'exponentialBacktracking' : 'polynomialBacktracking',
          data: {
            source: flow.source.description,
            sink: flow.sink.description,
            pattern: pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern,
            complexity,
            attack: verdict.attackPattern.length > 80 ? `${verdict.attackPattern.slice(0, 77)}...` : verdict.attackPattern,
          },
          confidence: flow.confidence,
          // A polynomial slowdown needs long inputs; exponential ones fall to a few dozen characters.
          severity: exponential ? 'high' : 'medium',
          properties: {
            sinkKind: flow.sinkKind,
            sourceLabel: flow.source.label,
            pattern,
            flags: typeof flags === 'string' ? flags : '',
            complexity: verdict.complexity,
            ...(verdict.degree === undefined ? {} : { degree: verdict.degree }),
            attackPattern: verdict.attackPattern,
            ...(verdict.attackString === undefined ? {} : { attackString: verdict.attackString }),
            pumps: verdict.pumps,
            suffix: verdict.suffix,
            hotspots: verdict.hotspots,
            checker: verdict.checker,
          },
        });
      };
      return {
        taintedSink: (flow) => {
          const pattern = flow.details?.pattern;
          const flags = flow.details?.flags;
          if (typeof pattern !== 'string') return;
          // One of many patterns a call tries in turn: the cheap checks only (see RegexEffort).
          const effort = flow.details?.table === true ? 'table' : 'full';
          pending.push({ flow, pattern, verdict: cache.analyze(pattern, typeof flags === 'string' ? flags : '', effort) });
        },
        program: async () => {
          if (pending.length > 0) cache.runQueuedHere?.();
          for (const p of pending) report(p.flow, p.pattern, await p.verdict);
        },
      };
    },
  });
}

/** The ReDoS rule (CWE-1333) with a process-wide verdict cache. */
export const redos = createRedosRule();

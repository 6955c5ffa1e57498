import type { Confidence, ThreatModel } from './finding.js';
import type { FlowStep, Location } from './location.js';
import type { SinkKind, TaintLabel } from './model.js';
import type { Severity } from './severity.js';

/** A source-to-sink path found by the taint engine, handed to the rules that subscribe to its sink kind. */
export interface TaintFlow {
  readonly sinkKind: SinkKind;
  readonly source: {
    readonly label: TaintLabel;
    /** "req.query.file", "parameter `cmd` of exported function run". */
    readonly description: string;
    readonly location: Location;
  };
  readonly sink: {
    /** "child_process.exec()". */
    readonly description: string;
    readonly location: Location;
    /** Source text of the sink expression (fingerprint material). */
    readonly text: string;
    /** Enclosing function name, or `<module>`. */
    readonly enclosing: string;
  };
  /** Source, steps and sink, in order. */
  readonly steps: readonly FlowStep[];
  readonly confidence: Confidence;
  /** Sink-specific facts: the regex pattern and flags for `redos`, key/value taint for prototype pollution. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A call to a known API with what is statically known about its arguments (for non-flow rules). */
export interface CallFact {
  /** Canonical API name: `crypto.createHash`, `Math.random`, `jwt.sign`. */
  readonly api: string;
  readonly location: Location;
  readonly enclosing: string;
  /** Constant string/number/boolean arguments; `undefined` where not constant. */
  readonly constantArgs: readonly (string | number | boolean | undefined)[];
  /** Source text of the call (fingerprint material). */
  readonly text: string;
}

/** What a rule sees of a whole file, for checks that are not flows (secrets, weak crypto). */
export interface ProgramFacts {
  readonly file: string;
  readonly text: string;
  readonly calls: readonly CallFact[];
  /**
   * Every file of the analysis, this one included, in the order the rules see them (one array for all of them): for a
   * rule whose per-file work is cheaper done once for all (secretlint costs more per call than per byte).
   */
  readonly analysed?: readonly SourceText[];
}

/** A file's path and text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** What a rule passes to `context.report`. */
export interface ReportDescriptor {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  /** For flow rules: the flow, whose sink is the primary location. */
  readonly flow?: TaintFlow;
  /** For non-flow rules: the primary location. Required when `flow` is absent. */
  readonly location?: Location;
  /** Fingerprint material for non-flow reports: the reported source text and enclosing function. */
  readonly text?: string;
  readonly enclosing?: string;
  readonly confidence?: Confidence;
  /** Overrides the rule's default severity (e.g. a polynomial ReDoS is medium). */
  readonly severity?: Severity;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** Handed to a rule's `create` once per file. */
export interface RuleContext {
  readonly file: string;
  readonly threatModel: ThreatModel;
  report(descriptor: ReportDescriptor): void;
}

/** Callbacks a rule registers; the engine calls each for every matching event in a file. */
export interface RuleListeners {
  /** A flow whose sink kind is in the rule's `meta.sinkKinds`. */
  taintedSink?(flow: TaintFlow): void;
  /** Once per file, after flows. May be async (secretlint is). */
  program?(program: ProgramFacts): void | Promise<void>;
}

/** Status of a rule: experimental until its precision is measured on the corpus. */
export type RuleStatus = 'experimental' | 'stable';

/** Everything about a rule that is not code. */
export interface RuleMeta {
  /** Starts with Detect, Disallow or Require; no final period. */
  readonly description: string;
  readonly severity: Severity;
  readonly cwe: readonly string[];
  readonly status: RuleStatus;
  /** Message templates with `{{placeholders}}`. */
  readonly messages: Readonly<Record<string, string>>;
  /** Why it is dangerous (one paragraph). */
  readonly explanation: string;
  /** What to do about it (one paragraph). */
  readonly fix: string;
  /** Sink kinds delivered to `taintedSink`. */
  readonly sinkKinds?: readonly SinkKind[];
}

/** A rule: id, metadata and a factory of listeners. */
export interface Rule {
  readonly id: string;
  readonly meta: RuleMeta;
  create(context: RuleContext): RuleListeners;
}

/** Define a rule (identity, for type inference and one place to add checks). */
export function createRule(rule: Rule): Rule {
  return rule;
}

/** Fill `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => data[name] ?? whole);
}

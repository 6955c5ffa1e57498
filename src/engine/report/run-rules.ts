import type {
  CallFact,
  Diagnostic,
  Finding,
  ProgramFacts,
  ReportDescriptor,
  Rule,
  TaintFlow,
  ThreatModel,
} from '../../core/index.js';
import { computeFingerprint, formatMessage, RuleCrashedError } from '../../core/index.js';

/** Flows and facts of one file, handed to every rule. */
export interface FileEvents {
  readonly file: string;
  readonly flows: readonly TaintFlow[];
  readonly facts: ProgramFacts;
}

/**
 * Run the rules over each file: `taintedSink` for flows of subscribed kinds, then `program` once.
 * A rule that throws becomes a `RULE_CRASHED` diagnostic; findings are deduplicated per
 * (rule, sink, source) and fingerprinted.
 */
export async function runRules(
  events: readonly FileEvents[],
  rules: readonly Rule[],
  threatModel: ThreatModel,
  diagnostics: Diagnostic[],
  onFile?: (done: number) => void,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const rootCauses = new Map<Finding, string>();
  let done = 0;
  for (const ev of events) {
    const fileStart = findings.length;
    for (const rule of rules) {
      const report = (d: ReportDescriptor): void => {
        const f = toFinding(rule, ev.file, d, occurrences);
        if (!f) return;
        const flow = d.flow;
        // Several patterns applied by one call (a helper given different regexes) are separate findings.
        const pattern = typeof flow?.details?.pattern === 'string' ? `|${flow.details.pattern}` : '';
        const key = flow
          ? `${rule.id}|${flow.sink.location.file}:${flow.sink.location.startLine}:${flow.sink.location.startColumn}|${flow.source.location.file}:${flow.source.location.startLine}:${flow.source.location.startColumn}${pattern}`
          : `${rule.id}|${f.fingerprint}`;
        if (seen.has(key)) return;
        seen.add(key);
        if (flow && ROOT_CAUSE_KINDS.has(flow.sinkKind)) {
          const source = flow.sinkKind === 'insecure-randomness' ? key.slice(key.lastIndexOf('|')) : '';
          rootCauses.set(f, `${rule.id}|${flow.sink.location.file}|${flow.sink.enclosing}${source}`);
        }
        findings.push(f);
      };
      try {
        const listeners = rule.create({ file: ev.file, threatModel, report });
        const kinds = rule.meta.sinkKinds ?? [];
        if (listeners.taintedSink) for (const flow of ev.flows) if (kinds.includes(flow.sinkKind)) listeners.taintedSink(flow);
        if (listeners.program) await listeners.program(ev.facts);
      } catch (error: unknown) {
        const crash = new RuleCrashedError(rule.id, ev.file, { cause: error });
        const detail = error instanceof Error ? error.message : String(error);
        diagnostics.push({ code: 'RULE_CRASHED', file: ev.file, ruleId: rule.id, message: `${crash.message}: ${detail}` });
      }
    }
    findings.splice(fileStart, findings.length - fileStart, ...mergeRootCauses(findings.slice(fileStart), rootCauses));
    onFile?.(++done);
  }
  return findings;
}

/**
 * Sink kinds whose several sinks in one function share one root cause: the writes of one key walk
 * (prototype pollution), the assignment and the `return` of one weak random value.
 */
const ROOT_CAUSE_KINDS: ReadonlySet<string> = new Set(['prototype-pollution', 'insecure-randomness']);

/**
 * One finding per root cause: the earliest sink of each group is kept, preferring a write of the value itself
 * over a write of a call's result (`t[k] = v` over `t[k] = merge(t[k], v)` in one merge).
 */
function mergeRootCauses(found: readonly Finding[], groups: ReadonlyMap<Finding, string>): Finding[] {
  const best = new Map<string, Finding>();
  const rank = (f: Finding): number => (isCallResultWrite(f) ? 1 : 0);
  for (const f of found) {
    const g = groups.get(f);
    if (g === undefined) continue;
    const cur = best.get(g);
    const earlier = cur !== undefined && (f.location.startLine < cur.location.startLine || (f.location.startLine === cur.location.startLine && f.location.startColumn < cur.location.startColumn));
    if (!cur || rank(f) < rank(cur) || (rank(f) === rank(cur) && earlier)) best.set(g, f);
  }
  return found.filter((f) => {
    const g = groups.get(f);
    return g === undefined || best.get(g) === f;
  });
}

function isCallResultWrite(f: Finding): boolean {
  const details = f.properties?.details;
  return typeof details === 'object' && details !== null && (details as Record<string, unknown>).writesCallResult === true;
}

function toFinding(rule: Rule, file: string, d: ReportDescriptor, occurrences: Map<string, number>): Finding | undefined {
  const flow = d.flow;
  const location = flow?.sink.location ?? d.location;
  if (!location) return undefined;
  const data = { ...(flow ? { source: flow.source.description, sink: flow.sink.description } : {}), ...d.data };
  const template = rule.meta.messages[d.messageId] ?? d.messageId;
  const sinkText = flow?.sink.text ?? d.text ?? location.snippet ?? '';
  const enclosing = flow?.sink.enclosing ?? d.enclosing ?? '<module>';
  const sourceText = flow ? `${flow.source.location.file}:${flow.source.description}` : undefined;
  const occKey = [rule.id, location.file, sinkText, enclosing, sourceText ?? ''].join('\u0000');
  const occurrence = occurrences.get(occKey) ?? 0;
  occurrences.set(occKey, occurrence + 1);
  return {
    fingerprint: computeFingerprint({ ruleId: rule.id, file: location.file || file, sinkText, enclosing, ...(sourceText ? { sourceText } : {}), occurrence }),
    ruleId: rule.id,
    cwe: rule.meta.cwe,
    severity: d.severity ?? rule.meta.severity,
    confidence: d.confidence ?? flow?.confidence ?? 'medium',
    message: formatMessage(template, data),
    explanation: rule.meta.explanation,
    fix: rule.meta.fix,
    location,
    flow: flow?.steps ?? [],
    origin: 'static',
    properties: {
      ...(flow ? { sinkKind: flow.sinkKind, sourceLabel: flow.source.label, source: flow.source.description, sink: flow.sink.description } : {}),
      ...(flow?.details ? { details: flow.details } : {}),
      ...d.properties,
    },
  };
}

/** Canonical facts of calls for non-flow rules. */
export function toCallFact(api: string, location: CallFact['location'], enclosing: string, args: readonly { str?: string; bool?: boolean }[], text: string): CallFact {
  return { api, location, enclosing, constantArgs: args.map((a) => a.str ?? a.bool), text };
}

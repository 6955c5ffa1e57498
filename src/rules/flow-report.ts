import type { RuleContext, TaintFlow } from '../core/index.js';

/**
 * Report a taint flow with the usual `{{source}}`/`{{sink}}` data and the flow's facts as properties
 * (the proof stage reads `sourceLabel` and `sinkKind`).
 */
export function reportFlow(
  context: RuleContext,
  flow: TaintFlow,
  messageId: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  context.report({
    flow,
    messageId,
    data: { source: flow.source.description, sink: flow.sink.description, ...extra },
    confidence: flow.confidence,
    properties: { sinkKind: flow.sinkKind, sourceLabel: flow.source.label, ...(flow.details ?? {}) },
  });
}

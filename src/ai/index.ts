/**
 * The AI layer: model providers (Anthropic Messages, OpenAI-compatible), one metering gateway with budgets
 * and a usage record, the threat model, the hunter, the sandboxed verifier, triage, and the evaluation.
 *
 * @example
 * ```ts
 * const settings = resolveAiSettings(config.ai, env);
 * const gateway = await ModelGateway.open({ settings, recorder: store, projectId, now, clock });
 * const result = await hunt({ gateway, snapshot, verify: { runs: 3, required: 2, timeoutMs: 10_000, memoryMb: 256, nodePath } });
 * ```
 */
export { redactSecrets, resolveAiSettings } from './ai-config.js';
export type { AiSettings, Budget, ProviderSettings } from './ai-config.js';
export { runAgent } from './agent-loop.js';
export type { AgentOutcome, AgentTool } from './agent-loop.js';
export { AI_RULE_PREFIX, CANDIDATE_SCHEMA, candidateFingerprint, toAiFinding } from './candidate.js';
export type { AiFindingState, CandidateFinding } from './candidate.js';
export { AiBudgetExceededError, AiNotConfiguredError, ModelCallError, ModelOutputError } from './errors.js';
export { benchCacheRoot, evaluateHunter, loadEvalSuite } from './evaluate.js';
export type { EvalEntry, Scorecard } from './evaluate.js';
export { hunt } from './hunter.js';
export type { HuntOptions, HuntResult, HuntTarget } from './hunter.js';
export { ModelGateway } from './model-gateway.js';
export type { CallContext, GatewayResponse, ModelGatewayOptions, UsageRecorder } from './model-gateway.js';
export { checkProjectPath, PathRefusedError, ProjectSnapshot } from './project-snapshot.js';
export { createProjectTools } from './project-tools.js';
export { createProvider } from './providers/create-provider.js';
export { AI_TOOL, runAiScanPass } from './scan-pass.js';
export type { AiScanPassInput, AiScanPassResult } from './scan-pass.js';
export { callForJson, extractJson } from './structured-output.js';
export { generateThreatModel, THREAT_MODEL_FILE } from './threat-model.js';
export { triageFindings } from './triage.js';
export type { TriageOptions, TriageResult } from './triage.js';
export type { AiPurpose, ChatMessage, ModelProvider, ModelRequest, ModelResponse, Sleep, ToolCall, ToolResult, ToolSpec } from './types.js';
export { evidenceOf, verifyCandidate } from './verifier.js';
export type { Verification, VerifyOptions } from './verifier.js';
export { runWitness, WITNESS_SCHEMA } from './witness.js';
export type { Witness, WitnessLimits, WitnessRun } from './witness.js';

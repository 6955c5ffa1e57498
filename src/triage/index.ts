/**
 * Prioritisation: findings from every tool collapse by root cause into work items, each scored with CVSS 4.0
 * and CISA's SSVC decision in its asset's context, given a due date by the SLA policy, and tracked to closure.
 *
 * @example
 * ```ts
 * await store.completeScan(scan.id, { findings });
 * await prioritise(store, { projectId: scan.projectId, now: new Date(), sla: resolveSlaPolicy(config.sla) });
 * const page = await readQueue(store, { now: new Date(), overdue: true, limit: 50 });
 * ```
 */
export {
  CRITICALITIES,
  DEFAULT_ASSET,
  EXPOSURES,
  isPubliclyExposed,
  missionImpact,
  parseAssetAttributes,
  resolveAsset,
  WELL_BEING_IMPACTS,
  type AssetProfile,
  type Criticality,
  type Exposure,
  type ResolvedAsset,
  type WellBeingImpact,
} from './asset.js';
export { assessFinding, buildWorkItem, evidenceOf, exploitationOf, priorityOf, type Assessment, type Evidence } from './assess.js';
export { CvssScorer, type CvssResult } from './cvss.js';
export {
  prioritise,
  readMetrics,
  readQueue,
  refreshExpired,
  transition,
  TRIAGE_ACTOR,
  type PrioritiseOptions,
  type PrioritiseResult,
  type QueueOptions,
  type TransitionResult,
  type TriageTransitionInput,
} from './prioritise.js';
export { importSarif, type ImportSarifOptions, type ImportSarifResult } from './sarif/import-sarif.js';
export { cweFromTags, parseSarif, RULE_CWE, type ParseSarifOptions, type SarifToolResults } from './sarif/parse-sarif.js';
export { dependencyKey, groupByRootCause, normalizePath, type RootCauseGroup } from './root-cause.js';
export { DEFAULT_SLA_POLICY, dueDate, isOverdue, resolveSlaPolicy, type SlaPolicy } from './sla.js';
export {
  BOD_2604_TABLE_ID,
  CISA_TABLE_ID,
  decideBod2604,
  decideCisa,
  type Bod2604Decision,
  type CisaDecision,
  type CisaInputs,
  type Exploitation,
  type MissionImpact,
  type TechnicalImpact,
} from './ssvc/ssvc.js';

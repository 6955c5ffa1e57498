/**
 * The scan store: projects (assets), scans, findings with their lifecycle and history.
 * Embedded PGlite by default, PostgreSQL with a `postgres://` URL; both share one schema.
 *
 * @example
 * ```ts
 * const store = await openStore({ dataDir: join(yaguraHome, 'db') });
 * const project = await store.ensureProject({ name: 'shop', rootPath: '/src/shop' });
 * const scan = await store.beginScan({ projectId: project.id, toolVersion, configHash, threatModel: 'application' });
 * const { counts } = await store.completeScan(scan.id, { findings, diagnostics, stats });
 * const open = await store.listFindings({ projectId: project.id, states: ['open'] });
 * await store.close();
 * ```
 */
export { openStore, type OpenStoreOptions } from './open-store.js';
export { canTransition, FINDING_STATES, isFindingState, isTriageDecision } from './lifecycle.js';
export { redactUrl } from './postgres/postgres-driver.js';
export { isSsvcDecision, SSVC_DECISIONS } from './work-items.js';
export { MODEL_CALL_PURPOSES } from './ai-usage.js';
export { PROOF_STATUSES, type ProofRecord, type ProofRecordInput, type ProofRecordStatus, type RecordProofResult } from './proofs.js';
export type { AdvisoryDataStatus, AdvisoryImport, AdvisoryImportInput, AdvisorySource, ThreatIntelData } from './advisory-store.js';
export type {
  ModelCall,
  ModelCallFilter,
  ModelCallInput,
  ModelCallPurpose,
  ModelUsageSummary,
  ModelUsageTotals,
  TriageVerdict,
  TriageVerdictInput,
} from './ai-usage.js';
export type {
  AssetAttributes,
  BeginScanInput,
  CompleteScanInput,
  CompleteScanResult,
  EnsureProjectInput,
  FindingDetail,
  FindingEvent,
  FindingEventKind,
  FindingFilter,
  FindingPresence,
  FindingRecord,
  LatestScanOptions,
  Project,
  Scan,
  ScanCounts,
  ReopenedAcceptances,
  SaveWorkItemsResult,
  ScanStatus,
  SsvcDecision,
  Store,
  TransitionInput,
  WorkItem,
  WorkItemDetail,
  WorkItemFilter,
  WorkItemInput,
  WorkItemKind,
  WorkItemMetrics,
} from './types.js';

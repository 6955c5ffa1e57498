export { collectExcerpts } from './excerpt.js';
export type { Excerpt } from './excerpt.js';
export { RegexAutomatonWorker } from './regex-automaton-worker.js';
export { runScan } from './run-scan.js';
export type { ScanOutcome, ScanProgress, ScanRequest } from './run-scan.js';
export { walkSources } from './walk.js';
export type { WalkOptions, WalkResult } from './walk.js';
export { LOCKFILE_NAMES, NO_ADVISORY_DATA, scanDependencies } from './scan-dependencies.js';
export type { DependencyScan, DependencyScanRequest } from './scan-dependencies.js';

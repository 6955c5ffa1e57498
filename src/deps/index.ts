/**
 * Dependency audit: lockfiles -> dependency graph -> advisories (OSV, KEV, EPSS, offline) ->
 * matches -> reachability from the project's code -> findings, CycloneDX SBOM with VEX, OpenVEX.
 *
 * Parsers and matching are pure (text in); only `loadOsvDirectory` and `loadOsvZip` read files.
 *
 * @example
 * const { records } = await loadOsvZip('npm-all.zip');
 * const index = buildAdvisoryIndex(records);
 * const audit = runDependencyAudit({
 *   lockfile: { path: 'package-lock.json', text: lockText },
 *   manifest: packageJsonText,
 *   files: sourceFiles,
 *   index,
 *   intel: { kev: mergeKev(new Map(), parseKev(kevText).entries), epss: mergeEpss(new Map(), parseEpss(epssText).scores) },
 * });
 * const sbom = renderCycloneDx(audit);
 * const vex = renderOpenVex(audit, { author: 'PSIRT <psirt@example.org>', timestamp: new Date().toISOString() });
 */

/** Dependency graph types, `findPaths` (root-to-package paths) and the `<root>` edge id. */
export type { DependencyEdge, DependencyGraph, DependencyKind, DependencyNode, DependencyPath, LockfileFormat } from './graph/dependency-graph.js';
export { findPaths, ROOT_ID } from './graph/dependency-graph.js';

/**
 * Parse a lockfile's text (package-lock.json v1-v3, npm-shrinkwrap.json, yarn.lock classic and
 * berry, pnpm-lock.yaml v5/v6/v9). Throws `LockfileError` (code `LOCKFILE_INVALID`) with file and line.
 * @example parseLockfile('package-lock.json', text, parsePackageManifest(packageJsonText))
 */
export { parseLockfile, detectLockfileKind } from './lockfile/parse-lockfile.js';
/** Read the root name and declared dependencies from a package.json text. */
export { parsePackageManifest } from './lockfile/manifest.js';
export type { PackageManifest } from './lockfile/manifest.js';

/** Advisory records (normalised OSV) and their import from JSON, directories and zips. */
export type { AdvisoryRecord, AffectedPackage, AffectedRange, OsvEvent } from './advisory/advisory-record.js';
export { normalizeOsvRecord } from './advisory/advisory-record.js';
/**
 * Import OSV records. `loadOsvDirectory(dir)` and `loadOsvZip(path)` read files; `parseOsvJson` and
 * `parseOsvZip` take text or bytes. Bad records are returned as `problems`, never thrown.
 * @example const { records, problems } = await loadOsvDirectory('advisory-database/advisories');
 */
export { loadOsvDirectory, loadOsvZip, parseOsvJson, parseOsvZip } from './advisory/load-osv.js';
export type { OsvImport } from './advisory/load-osv.js';
export type { ImportProblem } from './advisory/import-result.js';
/**
 * CISA KEV (JSON or CSV as published) and its idempotent merge by CVE.
 * @example const kev = mergeKev(new Map(), parseKev(text).entries);
 */
export { mergeKev, parseKev } from './advisory/kev.js';
export type { KevEntry } from './advisory/kev.js';
/**
 * FIRST EPSS CSV (with its `#model_version` line) and its idempotent merge by CVE.
 * @example const epss = mergeEpss(new Map(), parseEpss(text).scores);
 */
export { mergeEpss, parseEpss } from './advisory/epss.js';
export type { EpssScore } from './advisory/epss.js';
/** CVSS v3.x base score of a vector, and the qualitative band of a score. */
export { cvss3BaseScore, severityOfScore } from './advisory/cvss.js';
/**
 * In-memory advisories by package, alias groups merged under a GHSA id. `mergeAdvisoryRecords` is
 * idempotent and keeps the newer `modified` per id.
 * @example const index = mergeAdvisoryRecords(buildAdvisoryIndex(stored), imported);
 */
export { advisoriesFor, buildAdvisoryIndex, mergeAdvisoryRecords } from './advisory/advisory-index.js';
export type { AdvisoryGroup, AdvisoryIndex } from './advisory/advisory-index.js';

/**
 * Match a graph against an index: one match per (package version, advisory group), with paths,
 * the lowest fixed version and whether the declared ranges allow it.
 * @example const matches = matchDependencies(graph, index);
 */
export { matchDependencies } from './match/match-dependencies.js';
export type { DeclaredRange, DependencyMatch, MatchOptions } from './match/match-dependencies.js';
/** OSV range evaluation (introduced / fixed / last_affected, versions lists) with semver. */
export { isAffected, isInRange, lowestFixedVersion } from './match/osv-range.js';

/**
 * Reachability of each match from the project's source files: `reachable` (with import and call
 * steps), `unreachable` or `unknown`.
 * @example const { verdicts } = analyzeReachability(files, matches, graph);
 */
export { analyzeReachability } from './reachability/analyze-reachability.js';
export type { Reachability, ReachabilityResult, ReachabilityStatus } from './reachability/analyze-reachability.js';
/** Curated vulnerable functions per advisory, used where advisories name none or an internal one. */
export { CURATED_VULNERABLE_FUNCTIONS, vulnerableFunctions } from './reachability/vulnerable-functions.js';

/**
 * The whole audit from texts and records; `auditDependencies` returns only the `Finding`s.
 * @example const findings = auditDependencies({ lockfile, manifest, files, index });
 */
export { auditDependencies, runDependencyAudit } from './audit/audit-dependencies.js';
export type { DependencyAudit, DependencyAuditInput } from './audit/audit-dependencies.js';
/** Build one dependency `Finding` from a match and its verdict. */
export { toDependencyFinding } from './audit/dependency-finding.js';
export type { ThreatIntel } from './audit/dependency-finding.js';

/**
 * CycloneDX 1.6 JSON (components with purls, dependency graph, vulnerabilities with VEX analysis).
 * @example const json = renderCycloneDx(audit, { timestamp: new Date() });
 */
export { renderCycloneDx } from './sbom/cyclonedx.js';
export type { CycloneDxOptions } from './sbom/cyclonedx.js';
/**
 * OpenVEX 0.2.0 document (validated in tests against the vendored schema).
 * @example const doc = renderOpenVex(audit, { author: 'PSIRT', timestamp: new Date().toISOString() });
 */
export { renderOpenVex } from './sbom/openvex.js';
export type { OpenVexDocument, OpenVexOptions, OpenVexStatement } from './sbom/openvex.js';
/** Package URL of an npm package. */
export { npmPurl } from './sbom/purl.js';

/* The advisory tables live in the store: src/store/migrations/0003-advisories.ts. */

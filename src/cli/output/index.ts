/**
 * Report renderers: a scan's results as SARIF 2.1.0, JSON, a self-contained HTML page, a terminal table
 * and a short summary. Pure functions from {@link ReportInput} to a string (or the SARIF object); the CLI
 * reads excerpts, writes files and decides about color.
 *
 * @example
 * import { formatSarif, renderTable } from '../output/index.js';
 * await writeFile(out, formatSarif(input));
 * process.stdout.write(renderTable(input, { color: process.stdout.isTTY, width: process.stdout.columns || 80 }));
 */
export { createExcerpt } from './excerpt.js';
export { renderHtml } from './html/html.js';
export type { JsonReport, JsonReportFinding } from './json.js';
export { buildJsonReport, JSON_REPORT_SCHEMA_VERSION, renderJson } from './json.js';
export type { BaselineCounts, ReportFinding, ReportInput, ReportProof, SourceExcerpt } from './report-input.js';
export { compareByPriority, reportProofsOf, sortByPriority } from './report-input.js';
export type { SarifLog } from './sarif.js';
export { formatSarif, renderSarif, SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI } from './sarif.js';
export type { SummaryOptions } from './terminal/summary.js';
export { renderSummary } from './terminal/summary.js';
export type { TableOptions } from './terminal/table.js';
export { renderTable } from './terminal/table.js';

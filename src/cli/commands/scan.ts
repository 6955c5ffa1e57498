import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';

import { Option, type Command } from 'commander';

import { isAtLeast, TOOL_NAME, UsageError, YAGURA_VERSION, type SeverityThreshold, type ThreatModel } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { runScan, type ScanOutcome } from '../../scan/index.js';
import type { Store } from '../../store/index.js';
import { EXIT, type CliIO } from '../io.js';
import { formatSarif, renderHtml, renderJson, renderSummary, renderTable, reportProofsOf, type ReportInput } from '../output/index.js';
import { ProgressBar } from '../progress.js';
import { runAiAfterScan } from './ai-scan.js';
import { cliProveOptions, DEFAULT_PROVE_TIMEOUT_MS, parseProveTimeout, writeProveSummary } from './prove.js';
import { openCliStore } from '../store-options.js';

/** Report formats of `scan`. */
export const SCAN_FORMATS = ['table', 'json', 'sarif', 'html'] as const;
type ScanFormat = (typeof SCAN_FORMATS)[number];

interface ScanFlags {
  format?: ScanFormat;
  output?: string;
  failOn?: SeverityThreshold;
  db?: string;
  threatModel?: ThreatModel | 'auto';
  store: boolean;
  quiet?: boolean;
  config?: string;
  prove?: boolean;
  proveTimeout: string;
  ai?: boolean;
}

/** `yagura scan <path>`: the main job. */
export function registerScanCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('scan')
    .description('scan a folder for vulnerabilities, store the findings and report them')
    .argument('<path>', 'folder (or file) to scan')
    .addOption(new Option('-f, --format <format>', 'report format (default: from --output extension, else table on a TTY, json otherwise)').choices(SCAN_FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['none', 'info', 'low', 'medium', 'high', 'critical']))
    .option('--db <url>', 'postgres:// URL or embedded store directory (default: $YAGURA_DATABASE_URL, else $YAGURA_HOME/db)')
    .addOption(new Option('--threat-model <model>', 'who the attacker is').choices(['auto', 'library', 'application']))
    .option('--no-store', 'do not record the scan in the store')
    .option('-q, --quiet', 'no progress bar and no summary')
    .option('-c, --config <file>', 'configuration file (default: yagura.config.yaml|yml|json at the scanned root)')
    .option('--prove', 'after the scan, prove the findings with executable witnesses in the sandbox (needs the store)')
    .option('--prove-timeout <ms>', 'budget of one witness run in milliseconds', String(DEFAULT_PROVE_TIMEOUT_MS))
    .option('--ai', 'after the static pass, hunt with the configured model (proofs in the sandbox) and triage the findings')
    .action(async (path: string, flags: ScanFlags) => {
      result.code = await scanCommand(path, flags, io);
    });
}

async function scanCommand(path: string, flags: ScanFlags, io: CliIO): Promise<number> {
  const clock = io.clock ?? (() => performance.now());
  const now = io.now ?? (() => new Date());
  const target = resolve(io.cwd, path);
  const { config, hash } = await loadConfig(target, flags.config ? resolve(io.cwd, flags.config) : undefined);
  const format = chooseFormat(flags, io);
  const failOn = flags.failOn ?? config.failOn;
  const bar = new ProgressBar(io.stderr, clock);
  if (flags.prove === true && !flags.store) throw new UsageError('--prove records the evidence in the store; drop --no-store');
  const prove = flags.prove === true ? cliProveOptions(io, parseProveTimeout(flags.proveTimeout), 'scan --prove', flags.quiet === true) : undefined;
  const store: Store | undefined = flags.store ? await openCliStore(flags.db, io) : undefined;
  let outcome: ScanOutcome;
  const notes: string[] = [];
  try {
    outcome = await runScan({
      path: target,
      config,
      configHash: hash,
      ...(flags.threatModel ? { threatModel: flags.threatModel } : {}),
      ...(store ? { store } : {}),
      clock,
      now,
      ...(flags.quiet ? {} : { onProgress: (p) => { bar.update(p); } }),
      ...(prove === undefined ? {} : { prove }),
    });
    if (outcome.proofs !== undefined && !flags.quiet) writeProveSummary(io.stderr, outcome.proofs);
    if (flags.ai) {
      const pass = await runAiAfterScan(outcome, { config, configHash: hash, ...(store ? { store } : {}), io, now, clock });
      outcome = pass.outcome;
      notes.push(...pass.notes);
    }
  } finally {
    bar.clear();
    await store?.close();
  }
  for (const note of notes) io.stderr.write(`${note}\n`);
  const report = toReportInput(outcome);
  const color = io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
  const rendered = render(format, report, { color: flags.output ? false : color, width: io.stdout.columns ?? 120 });
  if (flags.output) {
    await writeFile(resolve(io.cwd, flags.output), rendered);
    if (!flags.quiet) io.stderr.write(`${renderSummary(report, { color: io.stderr.isTTY === true })}\nReport written to ${flags.output}\n`);
  } else {
    io.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
    if (!flags.quiet && format !== 'table') io.stderr.write(`${renderSummary(report, { color: io.stderr.isTTY === true })}\n`);
  }
  const failing = outcome.findings.filter(
    (f) => isAtLeast(f.severity, failOn) && !('state' in f && (f.state === 'false-positive' || f.state === 'risk-accepted' || f.state === 'fixed')),
  );
  return failing.length > 0 ? EXIT.findings : EXIT.clean;
}

function chooseFormat(flags: ScanFlags, io: CliIO): ScanFormat {
  if (flags.format) return flags.format;
  if (flags.output) {
    const byExtension: Record<string, ScanFormat> = { '.sarif': 'sarif', '.json': 'json', '.html': 'html', '.htm': 'html', '.txt': 'table' };
    const format = byExtension[extname(flags.output).toLowerCase()];
    if (!format) throw new UsageError(`Cannot tell the format of ${flags.output} from its extension; pass --format table|json|sarif|html`);
    return format;
  }
  return io.stdout.isTTY ? 'table' : 'json';
}

function render(format: ScanFormat, report: ReportInput, options: { color: boolean; width: number }): string {
  switch (format) {
    case 'sarif':
      return formatSarif(report);
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report);
    case 'table':
      return renderTable(report, options);
  }
}

/** Shape a scan outcome for the renderers. */
export function toReportInput(outcome: ScanOutcome): ReportInput {
  return {
    tool: { name: TOOL_NAME, version: YAGURA_VERSION },
    scan: {
      ...(outcome.scan ? { id: outcome.scan.id } : {}),
      projectName: outcome.projectName,
      root: outcome.root,
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      threatModel: outcome.analysis.threatModel,
      threatModelReason: outcome.analysis.threatModelReason,
      stats: outcome.analysis.stats,
      diagnostics: [...outcome.diagnostics],
      ...(outcome.counts ? { counts: outcome.counts } : {}),
    },
    findings: [...outcome.findings],
    absentFindings: [...outcome.absentFindings],
    rules: outcome.rules.map((r) => ({ id: r.id, meta: r.meta })),
    hasBaseline: outcome.hasBaseline,
    excerpts: outcome.excerpts,
    ...(outcome.proofs === undefined ? {} : { proofs: reportProofsOf(outcome.proofs) }),
  };
}

import { Option, type Command } from 'commander';

import { SEVERITIES, type FindingState, type Severity, type StoredFinding } from '../../core/index.js';
import type { FindingEvent, Store } from '../../store/index.js';
import type { CliIO } from '../io.js';
import { openCliStore } from '../store-options.js';
import { formatProof } from './prove.js';

const STATES: readonly FindingState[] = ['open', 'proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted'];

interface ListFlags {
  db?: string;
  project?: string;
  state?: FindingState[];
  severity?: Severity[];
  rule?: string;
  all?: boolean;
  limit: string;
  format: 'table' | 'json';
}

/** `yagura findings list` and `yagura findings show <id>`, over the store. */
export function registerFindingsCommands(program: Command, io: CliIO, result: { code: number }): void {
  const findings = program.command('findings').description('list and inspect stored findings');
  findings
    .command('list')
    .description('list stored findings, most severe first (present ones unless --all)')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-p, --project <name>', 'only this project')
    .addOption(new Option('--state <state...>', 'only these lifecycle states').choices(STATES))
    .addOption(new Option('--severity <severity...>', 'only these severities').choices(SEVERITIES))
    .option('--rule <id>', 'only this rule')
    .option('--all', 'include findings no longer present')
    .option('--limit <n>', 'at most this many rows', '200')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: ListFlags) => {
      await withStore(flags.db, io, async (store) => {
        const project = flags.project ? await store.getProject(flags.project) : undefined;
        const rows = await store.listFindings({
          ...(project ? { projectId: project.id } : {}),
          ...(flags.state ? { states: flags.state } : {}),
          ...(flags.severity ? { severities: flags.severity } : {}),
          ...(flags.rule ? { ruleId: flags.rule } : {}),
          ...(flags.all ? {} : { presence: 'present' as const }),
          limit: Math.max(1, Number.parseInt(flags.limit, 10) || 200),
        });
        io.stdout.write(flags.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatList(rows));
      });
      result.code = 0;
    });
  findings
    .command('show')
    .description('show one finding: message, explanation, fix, data-flow path and history')
    .argument('<id>', 'finding id or a unique prefix of it (8+ characters)')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--witness', 'print the script of the latest proof witness')
    .action(async (id: string, flags: { db?: string; format: 'text' | 'json'; witness?: boolean }) => {
      await withStore(flags.db, io, async (store) => {
        const finding = await store.getFinding(id);
        const proofs = await store.listProofs([finding.id]);
        const latest = proofs.at(-1);
        io.stdout.write(
          flags.format === 'json'
            ? `${JSON.stringify({ ...finding, proofs }, null, 2)}\n`
            : `${formatDetail(finding, finding.events)}${latest === undefined ? '' : `\n${formatProof(latest, { script: flags.witness === true })}`}`,
        );
      });
      result.code = 0;
    });
}

async function withStore(db: string | undefined, io: CliIO, work: (store: Store) => Promise<void>): Promise<void> {
  const store = await openCliStore(db, io);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function formatList(rows: readonly StoredFinding[]): string {
  if (rows.length === 0) return 'No findings.\n';
  const header = ['ID', 'SEVERITY', 'STATE', 'RULE', 'LOCATION', 'MESSAGE'];
  const body = rows.map((f) => [
    f.id.slice(0, 8),
    f.severity,
    f.state,
    f.ruleId,
    `${f.location.file}:${f.location.startLine}`,
    f.message.length > 70 ? `${f.message.slice(0, 69)}…` : f.message,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(header), ...body.map(line)].join('\n')}\n${rows.length} finding(s)\n`;
}

function formatDetail(f: StoredFinding, events: readonly FindingEvent[]): string {
  const out = [
    `${f.severity.toUpperCase()}  ${f.ruleId}  (${f.cwe.join(', ')})  ${f.id}`,
    `State:       ${f.state}   confidence ${f.confidence}   origin ${f.origin}`,
    `Location:    ${f.location.file}:${f.location.startLine}:${f.location.startColumn}`,
    `Fingerprint: ${f.fingerprint}`,
    `First seen:  ${f.firstSeenAt}   last seen ${f.lastSeenAt}`,
    '',
    f.message,
    '',
    'Why it matters:',
    `  ${f.explanation}`,
    '',
    'How to fix:',
    `  ${f.fix}`,
  ];
  if (f.flow.length > 0) {
    out.push('', 'Data flow:');
    f.flow.forEach((step, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. [${step.kind}] ${step.location.file}:${step.location.startLine}  ${step.message}`);
      if (step.location.snippet) out.push(`        ${step.location.snippet}`);
    });
  }
  if (events.length > 0) {
    out.push('', 'History:');
    for (const e of events) out.push(`  ${e.at}  ${e.kind}${e.toState ? ` -> ${e.toState}` : ''}${e.actor ? ` by ${e.actor}` : ''}${e.reason ? `: ${e.reason}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

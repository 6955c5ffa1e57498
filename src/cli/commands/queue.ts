import { Option, type Command } from 'commander';

import type { FindingState } from '../../core/index.js';
import { SSVC_DECISIONS, type SsvcDecision, type WorkItem } from '../../store/index.js';
import { isOverdue, prioritise, readQueue } from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { formatColumns, formatCsv, nowOf, projectIdsOf, slaPolicyOf, withTriageStore } from './triage-options.js';

const STATES: readonly FindingState[] = ['open', 'proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted'];

interface QueueFlags {
  db?: string;
  asset?: string[];
  decision?: SsvcDecision[];
  state?: FindingState[];
  overdue?: boolean;
  rescore?: boolean;
  format: 'table' | 'json' | 'csv';
  limit: string;
  page: string;
}

const HEADER = ['ID', 'DECISION', 'DUE', 'STATE', 'ASSET', 'CVSS', 'PATHS', 'TOOLS', 'LOCATION', 'TITLE'];

function row(item: WorkItem, now: Date): string[] {
  const due = item.dueAt ? `${item.dueAt.slice(0, 10)}${isOverdue(item.dueAt, now) ? ' OVERDUE' : ''}` : 'next upgrade';
  return [
    item.id.slice(0, 8),
    item.decision,
    due,
    item.state,
    item.projectName,
    item.cvssScore.toFixed(1),
    String(item.findingCount),
    item.tools.join('+'),
    `${item.file}:${item.startLine}`,
    item.title.length > 60 ? `${item.title.slice(0, 59)}…` : item.title,
  ];
}

function csvRow(item: WorkItem, now: Date): string[] {
  return [
    item.id,
    item.decision,
    item.dueAt ?? '',
    String(isOverdue(item.dueAt, now)),
    item.state,
    item.projectName,
    item.cvssScore.toFixed(1),
    item.cvssVector,
    String(item.findingCount),
    item.tools.join(' '),
    item.cwe.join(' '),
    `${item.file}:${item.startLine}`,
    item.title,
  ];
}

/** `yagura queue`: the remediation queue across assets, most urgent first. */
export function registerQueueCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('queue')
    .description('print the remediation queue across assets: work items by SSVC decision, score and due date')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-a, --asset <name...>', 'only these assets (projects)')
    .addOption(new Option('--decision <decision...>', 'only these SSVC decisions').choices(SSVC_DECISIONS))
    .addOption(new Option('--state <state...>', 'only these states (default: open, proven, fix-proposed)').choices(STATES))
    .option('--overdue', 'only items past their due date')
    .option('--rescore', 'prioritise the selected assets again before reading (after a policy or asset change)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--limit <n>', 'items per page', '50')
    .option('--page <n>', 'page number, from 1', '1')
    .action(async (flags: QueueFlags) => {
      const limit = Math.max(1, Number.parseInt(flags.limit, 10) || 50);
      const page = Math.max(1, Number.parseInt(flags.page, 10) || 1);
      const now = nowOf(io);
      const sla = await slaPolicyOf(io);
      await withTriageStore(flags.db, io, async (store) => {
        const projectIds = await projectIdsOf(store, flags.asset);
        if (flags.rescore) {
          const targets = projectIds ?? (await store.listProjects()).map((p) => p.id);
          for (const projectId of targets) await prioritise(store, { projectId, now, sla });
        }
        const items = await readQueue(store, {
          now,
          sla,
          limit,
          offset: (page - 1) * limit,
          ...(projectIds ? { projectIds } : {}),
          ...(flags.decision ? { decisions: flags.decision } : {}),
          ...(flags.state ? { states: flags.state } : {}),
          ...(flags.overdue ? { overdue: true } : {}),
        });
        if (flags.format === 'json') io.stdout.write(`${JSON.stringify({ page, limit, items }, null, 2)}\n`);
        else if (flags.format === 'csv') {
          const header = ['id', 'decision', 'due', 'overdue', 'state', 'asset', 'cvss', 'vector', 'paths', 'tools', 'cwe', 'location', 'title'];
          io.stdout.write(formatCsv(header, items.map((i) => csvRow(i, now))));
        } else if (items.length === 0) io.stdout.write(page > 1 ? `No items on page ${page}.\n` : 'The queue is empty.\n');
        else io.stdout.write(`${formatColumns(HEADER, items.map((i) => row(i, now)))}\n${items.length} item(s), page ${page}\n`);
      });
      result.code = 0;
    });
}

import { Option, type Command } from 'commander';

import { readMetrics } from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { formatColumns, nowOf, projectIdsOf, slaPolicyOf, withTriageStore } from './triage-options.js';

/** `yagura metrics`: open work by decision, overdue items and mean time to remediate. */
export function registerMetricsCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('metrics')
    .description('print open work items by SSVC decision, overdue items and mean time to remediate')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-a, --asset <name...>', 'only these assets (projects)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { db?: string; asset?: string[]; format: 'table' | 'json' }) => {
      const sla = await slaPolicyOf(io);
      await withTriageStore(flags.db, io, async (store) => {
        const projectIds = await projectIdsOf(store, flags.asset);
        const metrics = await readMetrics(store, { now: nowOf(io), sla, ...(projectIds ? { projectIds } : {}) });
        if (flags.format === 'json') {
          io.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
          return;
        }
        const by = metrics.activeByDecision;
        const mttr = metrics.meanTimeToRemediateDays === null ? 'n/a' : `${metrics.meanTimeToRemediateDays.toFixed(1)} days`;
        io.stdout.write(
          `${formatColumns(
            ['OPEN', 'ACT', 'ATTEND', 'TRACK*', 'TRACK', 'OVERDUE', 'FIXED', 'MEAN TIME TO REMEDIATE'],
            [[metrics.active, by.act, by.attend, by['track*'], by.track, metrics.overdue, metrics.fixed].map(String).concat(mttr)],
          )}\n`,
        );
      });
      result.code = 0;
    });
}

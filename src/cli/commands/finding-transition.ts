import { Argument, Option, type Command } from 'commander';

import type { FindingState } from '../../core/index.js';
import { transition } from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { actorOf, nowOf, slaPolicyOf, withTriageStore } from './triage-options.js';

const STATES: readonly FindingState[] = ['open', 'proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted'];

interface TransitionFlags {
  db?: string;
  reason?: string;
  actor?: string;
  approver?: string;
  expires?: string;
  format: 'text' | 'json';
}

/** `yagura finding transition <id> <state>`: move a work item (all its findings) or one finding. */
export function registerFindingTransitionCommand(program: Command, io: CliIO, result: { code: number }): void {
  const finding = program.command('finding').description('change the lifecycle state of a work item or finding');
  finding
    .command('transition')
    .description('move a work item (every finding at its root cause) or a single finding to another state')
    .argument('<id>', 'work item or finding id, or a unique prefix of it (8+ characters)')
    .addArgument(new Argument('<state>', 'the new state').choices(STATES))
    .option('--reason <text>', 'why (required for risk-accepted)')
    .option('--actor <name>', 'who does it (default: $USER)')
    .option('--approver <name>', 'who approved a risk acceptance (required for risk-accepted)')
    .option('--expires <date>', 'when a risk acceptance expires, ISO 8601 (required for risk-accepted)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (id: string, state: FindingState, flags: TransitionFlags) => {
      const sla = await slaPolicyOf(io);
      await withTriageStore(flags.db, io, async (store) => {
        const outcome = await transition(store, id, {
          to: state,
          actor: actorOf(io, flags.actor),
          now: nowOf(io),
          sla,
          ...(flags.reason === undefined ? {} : { reason: flags.reason }),
          ...(flags.approver === undefined ? {} : { approver: flags.approver }),
          ...(flags.expires === undefined ? {} : { expiresAt: flags.expires }),
        });
        if (flags.format === 'json') {
          io.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
          return;
        }
        const item = outcome.workItem;
        io.stdout.write(
          `${outcome.findings.length} finding(s) moved to ${state}.` +
            (item ? ` Work item ${item.id.slice(0, 8)} is now ${item.state} (${item.decision}).` : '') +
            '\n',
        );
      });
      result.code = 0;
    });
}

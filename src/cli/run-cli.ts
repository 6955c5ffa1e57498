import { Command, CommanderError, Option } from 'commander';

import { isAppError, YAGURA_VERSION } from '../core/index.js';
import { registerAiCommands } from './commands/ai.js';
import { registerAssetCommands } from './commands/asset.js';
import { registerDbCommands } from './commands/db.js';
import { registerFindingTransitionCommand } from './commands/finding-transition.js';
import { registerFindingsCommands } from './commands/findings.js';
import { registerImportCommand } from './commands/import.js';
import { registerMetricsCommand } from './commands/metrics.js';
import { registerProveCommand } from './commands/prove.js';
import { registerQueueCommand } from './commands/queue.js';
import { registerSbomCommand } from './commands/sbom.js';
import { registerScanCommand } from './commands/scan.js';
import { registerThreatModelCommand } from './commands/threat-model.js';
import { EXIT, type CliIO } from './io.js';

/** Build the command tree; each command resolves to an exit code stored in `result`. */
function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command('yagura')
    .description('Find, prove, prioritise, fix and coordinate the response to software vulnerabilities')
    .version(YAGURA_VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--debug', 'print stack traces of errors'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  registerScanCommand(program, io, result);
  registerFindingsCommands(program, io, result);
  registerQueueCommand(program, io, result);
  registerAssetCommands(program, io, result);
  registerFindingTransitionCommand(program, io, result);
  registerMetricsCommand(program, io, result);
  registerImportCommand(program, io, result);
  registerDbCommands(program, io, result);
  registerSbomCommand(program, io, result);
  registerProveCommand(program, io, result);
  registerAiCommands(program, io, result);
  registerThreatModelCommand(program, io, result);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    for (const sub of command.commands) sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return program;
}

/**
 * Run the `yagura` command line with `argv` (without node and script) and return the exit code:
 * 0 clean, 1 findings at or above `--fail-on`, 2 usage or runtime error.
 * @example
 * const code = await runCli(['scan', 'examples/payments-api'], { stdout, stderr, env, cwd });
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const result = { code: EXIT.clean };
  const program = buildProgram(io, result);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.clean;
      return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    }
    io.stderr.write(`${renderError(error, debug)}\n`);
    return EXIT.error;
  }
}

/** Render an error once, at the edge: coded errors as `yagura: CODE: message`, others with their stack. */
export function renderError(error: unknown, debug: boolean): string {
  if (isAppError(error)) {
    const stack = debug && error.stack ? `\n${error.stack}${causeStack(error)}` : '';
    return `yagura: ${error.code}: ${error.message}${stack}`;
  }
  if (error instanceof Error) return `yagura: INTERNAL: ${error.message}\n${error.stack ?? ''}${causeStack(error)}`;
  return `yagura: INTERNAL: ${String(error)}`;
}

function causeStack(error: Error): string {
  return error.cause instanceof Error ? `\nCaused by: ${error.cause.stack ?? error.cause.message}` : '';
}

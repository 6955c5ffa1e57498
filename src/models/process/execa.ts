import type { LibraryModel, SinkModel } from '../../core/index.js';
import { PROGRAM_NAME_LABELS, SHELL_OPTION } from '../node/child-process.js';

const root = { module: 'execa' } as const;

const programSinks = (path: string): SinkModel[] => [
  { root, path, kind: 'command-injection', description: 'execa()', labels: PROGRAM_NAME_LABELS, unless: SHELL_OPTION },
  ...SHELL_OPTION.map((shell): SinkModel => ({ root, path, kind: 'command-injection', description: 'execa() with shell: true', conditions: [shell] })),
];

/** execa: `execa(file, args)` runs no shell unless asked; `execaCommand(str)` splits a command line. */
export const execaModel: LibraryModel = {
  id: 'execa',
  description: 'execa: program names, command strings, and arguments under shell: true',
  sinks: [
    ...programSinks('Argument[0]'),
    ...programSinks('Member[execa,execaSync,execaNode,sync].Argument[0]'),
    {
      root,
      path: 'Member[execaCommand,execaCommandSync,command,commandSync].Argument[0]',
      kind: 'command-injection',
      description: 'execaCommand()',
    },
    {
      root,
      path: 'Argument[1]',
      kind: 'command-injection',
      description: 'execa() with shell: true',
      conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
    },
    {
      root,
      path: 'Member[execa,execaSync].Argument[1]',
      kind: 'command-injection',
      description: 'execa() with shell: true',
      conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
    },
  ],
};

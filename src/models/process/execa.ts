import type { LibraryModel } from '../../core/index.js';

const root = { module: 'execa' } as const;

/** execa: `execa(file, args)` runs no shell unless asked; `execaCommand(str)` splits a command line. */
export const execaModel: LibraryModel = {
  id: 'execa',
  description: 'execa: program names, command strings, and arguments under shell: true',
  sinks: [
    { root, path: 'Argument[0]', kind: 'command-injection', description: 'execa()' },
    { root, path: 'Member[execa,execaSync,execaNode,sync].Argument[0]', kind: 'command-injection', description: 'execa()' },
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

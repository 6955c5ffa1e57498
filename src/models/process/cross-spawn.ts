import type { LibraryModel, SinkModel } from '../../core/index.js';
import { PROGRAM_NAME_LABELS, SHELL_OPTION } from '../node/child-process.js';

const root = { module: 'cross-spawn' } as const;

const programSinks = (path: string, description: string): SinkModel[] => [
  { root, path, kind: 'command-injection', description, labels: PROGRAM_NAME_LABELS, unless: SHELL_OPTION },
  ...SHELL_OPTION.map((shell): SinkModel => ({ root, path, kind: 'command-injection', description: `${description} with shell: true`, conditions: [shell] })),
];

/** cross-spawn: a drop-in `spawn`; on Windows it may run through cmd.exe. */
export const crossSpawnModel: LibraryModel = {
  id: 'cross-spawn',
  description: 'cross-spawn: program names and, with shell: true, arguments',
  sinks: [
    ...programSinks('Argument[0]', 'cross-spawn()'),
    ...programSinks('Member[spawn,sync].Argument[0]', 'cross-spawn.sync()'),
    {
      root,
      path: 'Argument[1]',
      kind: 'command-injection',
      description: 'cross-spawn() with shell: true',
      conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
    },
  ],
};

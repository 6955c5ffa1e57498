import type { LibraryModel } from '../../core/index.js';

const root = { module: 'cross-spawn' } as const;

/** cross-spawn: a drop-in `spawn`; on Windows it may run through cmd.exe. */
export const crossSpawnModel: LibraryModel = {
  id: 'cross-spawn',
  description: 'cross-spawn: program names and, with shell: true, arguments',
  sinks: [
    { root, path: 'Argument[0]', kind: 'command-injection', description: 'cross-spawn()' },
    { root, path: 'Member[spawn,sync].Argument[0]', kind: 'command-injection', description: 'cross-spawn.sync()' },
    {
      root,
      path: 'Argument[1]',
      kind: 'command-injection',
      description: 'cross-spawn() with shell: true',
      conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
    },
  ],
};

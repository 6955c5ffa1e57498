import type { LibraryModel } from '../../core/index.js';

/** shelljs: `exec` runs its string through a shell. */
export const shelljsModel: LibraryModel = {
  id: 'shelljs',
  description: 'shelljs: exec() passes its command to a shell',
  sinks: [
    { root: { module: 'shelljs' }, path: 'Member[exec].Argument[0]', kind: 'command-injection', description: 'shelljs.exec()' },
  ],
};

import type { LibraryModel, SinkModel } from '../../core/index.js';

const root = { module: 'child_process' } as const;

const sinks: SinkModel[] = [
  {
    root,
    path: 'Member[exec,execSync].Argument[0]',
    kind: 'command-injection',
    description: 'child_process.exec()',
  },
  {
    // The program name itself: an attacker choosing the binary runs what they like.
    root,
    path: 'Member[spawn,spawnSync,execFile,execFileSync].Argument[0]',
    kind: 'command-injection',
    description: 'child_process.spawn()',
  },
  {
    // Arguments are only parsed by a shell when `shell` is set.
    root,
    path: 'Member[spawn,spawnSync].Argument[1]',
    kind: 'command-injection',
    description: 'child_process.spawn() with shell: true',
    conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
  },
  {
    root,
    path: 'Member[execFile,execFileSync].Argument[1]',
    kind: 'command-injection',
    description: 'child_process.execFile() with shell: true',
    conditions: [{ path: 'Argument[2].Member[shell]', equals: 'non-false' }],
  },
  {
    root,
    path: 'Member[fork].Argument[0]',
    kind: 'code-injection',
    description: 'child_process.fork()',
  },
];

/** Node's `child_process`: shells and program launches. */
export const childProcessModel: LibraryModel = {
  id: 'child-process',
  description: "Node's child_process module: exec/spawn/execFile/fork",
  sinks,
};

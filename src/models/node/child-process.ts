import type { LibraryModel, SinkCondition, SinkModel, TaintLabel } from '../../core/index.js';

const root = { module: 'child_process' } as const;

/**
 * Who may choose the program a process runs (no shell). Not `library-input`: a library running the program its
 * caller names (`run(bin, args)`) does what it is asked; a command line built from its inputs is what is reported.
 */
export const PROGRAM_NAME_LABELS: readonly TaintLabel[] = ['user-input', 'environment', 'file-content', 'network'];

/** `spawn(cmd, { shell })` / `spawn(cmd, args, { shell })`: the options object may be the second or third argument. */
export const SHELL_OPTION: readonly SinkCondition[] = [
  { path: 'Argument[1].Member[shell]', equals: 'non-false' },
  { path: 'Argument[2].Member[shell]', equals: 'non-false' },
];

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
    labels: PROGRAM_NAME_LABELS,
    unless: SHELL_OPTION,
  },
  ...SHELL_OPTION.map(
    (shell): SinkModel => ({
      // With a shell the first argument is a command line, as for exec().
      root,
      path: 'Member[spawn,spawnSync,execFile,execFileSync].Argument[0]',
      kind: 'command-injection',
      description: 'child_process.spawn() with shell: true',
      conditions: [shell],
    }),
  ),
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

import { describe, expect, it } from 'vitest';

import type { SandboxPlan } from './sandbox-argv.js';
import { buildSandboxArgv, describeMounts, nodeDirToMount, prlimitArgs } from './sandbox-argv.js';

const plan: SandboxPlan = {
  bwrap: '/usr/bin/bwrap',
  prlimit: '/usr/bin/prlimit',
  dropTo: { setpriv: '/usr/bin/setpriv', uid: 1_900_000_123 },
  canDisableUserns: true,
  hostEntries: [
    { path: '/usr', kind: 'dir' },
    { path: '/bin', kind: 'symlink', target: 'usr/bin' },
  ],
  extraReadOnlyDirs: ['/opt/node/bin'],
  workCopy: '/tmp/yagura-sandbox-abc/work',
  env: { PATH: '/opt/node/bin:/usr/bin', HOME: '/tmp/home' },
  network: 'none',
  command: 'node',
  args: ['witness.js', '--flag'],
  limits: { memoryBytes: 128 * 1024 * 1024, cpuSeconds: 2, maxProcesses: 16, maxFileBytes: 1024 },
};

describe('buildSandboxArgv', () => {
  const argv = buildSandboxArgv(plan);
  const bwrapAt = argv.indexOf('/usr/bin/bwrap');

  it('applies limits with prlimit, then drops to the sandbox uid, then enters bwrap', () => {
    expect(argv.slice(0, bwrapAt)).toEqual([
      '/usr/bin/prlimit',
      `--data=${128 * 1024 * 1024}`,
      '--cpu=2:3',
      '--nproc=16',
      '--fsize=1024',
      '--core=0',
      '--nofile=1024',
      '--',
      '/usr/bin/setpriv',
      '--reuid=1900000123',
      '--regid=1900000123',
      '--clear-groups',
      '--',
    ]);
  });

  it('unshares every namespace, clears the environment and dies with its parent', () => {
    const flags = argv.slice(bwrapAt);
    for (const flag of ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) {
      expect(flags).toContain(flag);
    }
    expect(flags).not.toContain('--share-net');
  });

  it('binds only system folders read-only, the node folder and the copy read-write at /work', () => {
    const binds = argv.flatMap((arg, index) => (arg.endsWith('bind') ? [`${arg} ${argv[index + 1] ?? ''} ${argv[index + 2] ?? ''}`] : []));
    expect(binds).toEqual([
      '--ro-bind /usr /usr',
      '--ro-bind /opt/node/bin /opt/node/bin',
      '--bind /tmp/yagura-sandbox-abc/work /work',
    ]);
    expect(argv.join(' ')).not.toMatch(/ \/(root|home)\b/);
    expect(argv.join(' ')).toContain('--symlink usr/bin /bin');
  });

  it('freezes the root after the last mount and runs the command after --', () => {
    expect(argv.indexOf('--remount-ro')).toBeGreaterThan(argv.indexOf('--bind'));
    expect(argv.slice(-4)).toEqual(['--', 'node', 'witness.js', '--flag']);
  });

  it('sets exactly the given environment', () => {
    const setenv = argv.flatMap((arg, index) => (arg === '--setenv' ? [argv[index + 1]] : []));
    expect(setenv).toEqual(['PATH', 'HOME']);
  });

  it('omits --disable-userns for bwrap older than 0.8 and setpriv when not root', () => {
    const old = buildSandboxArgv({ ...plan, canDisableUserns: false, dropTo: undefined });
    expect(old).not.toContain('--disable-userns');
    expect(old.some((arg) => arg.includes('setpriv'))).toBe(false);
  });
});

describe('sandbox argv helpers', () => {
  it('mounts the node folder only when no system folder holds it', () => {
    expect(nodeDirToMount('/usr/bin/node')).toBeUndefined();
    expect(nodeDirToMount('/usr/local/bin/node')).toBeUndefined();
    expect(nodeDirToMount('/opt/node-v20/bin/node')).toBe('/opt/node-v20/bin');
    expect(nodeDirToMount(undefined)).toBeUndefined();
  });

  it('describes the mounts for the evidence record', () => {
    expect(describeMounts(plan)).toEqual([
      'ro:/usr',
      'symlink:/bin',
      'ro:/opt/node/bin',
      'proc:/proc',
      'dev:/dev',
      'tmpfs:/tmp',
      'rw:/work',
    ]);
  });

  it('gives the CPU hard limit one second above the soft limit', () => {
    expect(prlimitArgs({ memoryBytes: 1, cpuSeconds: 7, maxProcesses: 1, maxFileBytes: 1 })).toContain('--cpu=7:8');
  });
});

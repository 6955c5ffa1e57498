import { dirname } from 'node:path';

import type { SandboxNetwork } from './types.js';

/** One host path the sandbox mirrors: a real folder (bound read-only) or a symlink (recreated). */
export type HostEntry =
  | { readonly path: string; readonly kind: 'dir' | 'file' }
  | { readonly path: string; readonly kind: 'symlink'; readonly target: string };

/** The resolved inputs of {@link buildSandboxArgv}: everything decided, nothing read. */
export interface SandboxPlan {
  readonly bwrap: string;
  readonly prlimit: string;
  /** setpriv and the uid to drop to; absent when the caller is not root. */
  readonly dropTo?: { readonly setpriv: string; readonly uid: number };
  /** Whether this bwrap knows `--disable-userns` (0.8.0 and later). */
  readonly canDisableUserns: boolean;
  /** The host system folders that exist (`/usr`, `/bin`...). */
  readonly hostEntries: readonly HostEntry[];
  /** Host folder holding the node binary, when it is outside the system folders. */
  readonly extraReadOnlyDirs: readonly string[];
  /** Host path of the throw-away copy mounted at `/work`. */
  readonly workCopy: string;
  /** Host folders mounted read-only at `/work/<name>` over the copy. */
  readonly readOnlyWorkMounts?: readonly { readonly source: string; readonly name: string }[];
  /** Host files mounted read-only at /etc/passwd and /etc/group, naming the sandbox user. */
  readonly identityFiles?: { readonly passwd: string; readonly group: string };
  readonly env: Readonly<Record<string, string>>;
  readonly network: SandboxNetwork;
  /** Whether the seccomp program is passed on {@link SECCOMP_FD}. */
  readonly seccomp?: boolean;
  readonly command: string;
  readonly args: readonly string[];
  readonly limits: ResourceLimits;
}

/** Per-process resource limits applied with prlimit(1). */
export interface ResourceLimits {
  readonly memoryBytes: number;
  readonly cpuSeconds: number;
  readonly maxProcesses: number;
  readonly maxFileBytes: number;
}

/** The host system folders mirrored into the sandbox (read-only or as symlinks). */
export const SYSTEM_PATHS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/etc/alternatives', '/etc/ld.so.cache'];

/** Home and temp inside the sandbox: both live on a private tmpfs. */
export const SANDBOX_HOME = '/tmp/home';
const SANDBOX_WORK = '/work';

/** File descriptor on which bwrap reports the pid of the sandbox's pid 1 and its exit code. */
export const STATUS_FD = 3;
/** File descriptor from which bwrap reads the seccomp program. */
export const SECCOMP_FD = 4;

/** Namespaces the sandbox unshares (`--unshare-all` plus an explicit user namespace). */
export const SANDBOX_NAMESPACES = ['user', 'ipc', 'pid', 'net', 'uts', 'cgroup', 'mount'];

/** prlimit(1) arguments for the limits; the CPU hard limit is one second above the soft one, so SIGXCPU comes first. */
export function prlimitArgs(limits: ResourceLimits): string[] {
  return [
    `--data=${limits.memoryBytes}`,
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--nproc=${limits.maxProcesses}`,
    `--fsize=${limits.maxFileBytes}`,
    '--core=0',
    '--nofile=1024',
    '--',
  ];
}

/** The PATH set inside: the node folder first, then the system folders. */
export function sandboxPath(extraDirs: readonly string[]): string {
  return [...extraDirs, '/usr/local/bin', '/usr/bin', '/bin'].join(':');
}

/** The mounts of a plan, as `ro:/usr`, `symlink:/bin`, `rw:/work`, for the evidence record. */
export function describeMounts(plan: Pick<SandboxPlan, 'hostEntries' | 'extraReadOnlyDirs' | 'identityFiles' | 'readOnlyWorkMounts'>): string[] {
  return [
    ...plan.hostEntries.map((entry) => `${entry.kind === 'symlink' ? 'symlink' : 'ro'}:${entry.path}`),
    ...plan.extraReadOnlyDirs.map((dir) => `ro:${dir}`),
    ...(plan.identityFiles === undefined ? [] : ['generated:/etc/passwd', 'generated:/etc/group']),
    'proc:/proc',
    'dev:/dev',
    'tmpfs:/tmp',
    `rw:${SANDBOX_WORK}`,
    ...(plan.readOnlyWorkMounts ?? []).map((m) => `ro:${SANDBOX_WORK}/${m.name}`),
  ];
}

/**
 * The full argv: `prlimit <limits> -- [setpriv <drop>] bwrap <isolation> -- command args`.
 * prlimit and setpriv exec in place, so the spawned pid is bwrap itself.
 */
export function buildSandboxArgv(plan: SandboxPlan): string[] {
  const drop =
    plan.dropTo === undefined
      ? []
      : [plan.dropTo.setpriv, `--reuid=${plan.dropTo.uid}`, `--regid=${plan.dropTo.uid}`, '--clear-groups', '--'];
  const isolation = [
    '--unshare-all',
    '--unshare-user',
    ...(plan.canDisableUserns ? ['--disable-userns'] : []),
    // --unshare-all already gives a fresh net namespace with only lo (bwrap brings it up) for both modes.
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--hostname',
    'sandbox',
    '--clearenv',
    // Reports the sandbox's pid 1 on fd 3, so a timeout kills it and bwrap itself exits and is reaped.
    '--json-status-fd',
    String(STATUS_FD),
    ...(plan.seccomp === true ? ['--seccomp', String(SECCOMP_FD)] : []),
  ];
  const mounts: string[] = [];
  for (const entry of plan.hostEntries) {
    if (entry.kind === 'symlink') mounts.push('--symlink', entry.target, entry.path);
    else mounts.push('--ro-bind', entry.path, entry.path);
  }
  for (const dir of plan.extraReadOnlyDirs) mounts.push('--ro-bind', dir, dir);
  if (plan.identityFiles !== undefined) {
    mounts.push('--ro-bind', plan.identityFiles.passwd, '/etc/passwd', '--ro-bind', plan.identityFiles.group, '/etc/group');
  }
  mounts.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '--dir',
    SANDBOX_HOME,
    '--bind',
    plan.workCopy,
    SANDBOX_WORK,
    ...(plan.readOnlyWorkMounts ?? []).flatMap((m) => ['--ro-bind', m.source, `${SANDBOX_WORK}/${m.name}`]),
    '--chdir',
    SANDBOX_WORK,
    // The root itself is bwrap's private tmpfs; freeze it so only /tmp and /work take writes.
    '--remount-ro',
    '/',
  );
  const env = Object.entries(plan.env).flatMap(([name, value]) => ['--setenv', name, value]);
  return [
    plan.prlimit,
    ...prlimitArgs(plan.limits),
    ...drop,
    plan.bwrap,
    ...isolation,
    ...mounts,
    ...env,
    '--',
    plan.command,
    ...plan.args,
  ];
}

/** The folder to mount for a node binary, or undefined when a system folder already holds it. */
export function nodeDirToMount(nodePath: string | undefined): string | undefined {
  if (nodePath === undefined) return undefined;
  const dir = dirname(nodePath);
  const covered = ['/usr', '/bin', '/sbin', '/lib', '/lib64'].some((root) => dir === root || dir.startsWith(`${root}/`));
  return covered ? undefined : dir;
}

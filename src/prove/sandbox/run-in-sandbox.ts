import { lstat, open, writeFile } from 'node:fs/promises';
import { arch, constants, tmpdir } from 'node:os';
import { join } from 'node:path';

import { SandboxUnavailableError, UsageError } from '../../core/index.js';
import type { HostFacts } from './host.js';
import { inspectHost, pickSandboxUid, probeSandbox } from './host.js';
import type { ProcessOutcome } from './run-process.js';
import { runProcess } from './run-process.js';
import type { ResourceLimits } from './sandbox-argv.js';
import {
  buildSandboxArgv,
  describeMounts,
  nodeDirToMount,
  prlimitArgs,
  SANDBOX_HOME,
  SANDBOX_NAMESPACES,
  sandboxPath,
} from './sandbox-argv.js';
import { buildSeccompPolicy } from './seccomp.js';
import type { ThrowAwayWorkdir } from './workdir.js';
import { assertTraversable, collectFiles, prepareWorkdir, removeWorkdir } from './workdir.js';
import type { SandboxKillReason, SandboxResult, SandboxSettings, SandboxSpec } from './types.js';

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

/** What node and the C runtime print when an allocation fails under RLIMIT_DATA. */
const OUT_OF_MEMORY = /out of memory|Cannot allocate memory|ENOMEM|bad_alloc|Allocation failed/i;

/** Write the seccomp program beside the copy and open it for bwrap's `--seccomp` fd. */
async function writeSeccompFile(workdir: ThrowAwayWorkdir, program: Buffer) {
  const path = join(workdir.root, 'seccomp.bpf');
  await writeFile(path, program, { mode: 0o600 });
  return open(path, 'r');
}

/** Reject limits that are missing, negative or fractional: a sandbox without limits is a bug. */
function validateSpec(spec: SandboxSpec): void {
  const limits = {
    timeoutMs: spec.timeoutMs,
    memoryMb: spec.memoryMb,
    cpuSeconds: spec.cpuSeconds,
    maxProcesses: spec.maxProcesses,
    maxOutputBytes: spec.maxOutputBytes,
    maxFileBytes: spec.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new UsageError(`Sandbox limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (spec.command === '') throw new UsageError('Sandbox command is empty');
}

/** bwrap exits with 128+N when the command dies of signal N; map that back to the signal name. */
function decodeBwrapExit(code: number | null): { exitCode: number | null; signal: string | null } {
  if (code !== null && code > 128 && code <= 128 + 64) {
    const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
    if (name !== undefined) return { exitCode: null, signal: name };
  }
  return { exitCode: code, signal: null };
}

/** Which limit ended the run, if any; memory is inferred from the allocator's message. */
function killReason(
  outcome: ProcessOutcome,
  signal: string | null,
  exitCode: number | null,
  stderr: string,
  cpuSeconds: number,
): SandboxKillReason | undefined {
  if (outcome.timedOut) return 'timeout';
  if (outcome.outputExceeded) return 'output';
  if (signal === 'SIGXCPU') return 'cpu';
  // The hard CPU limit SIGKILLs a process ignoring SIGXCPU; CPU time never exceeds wall time.
  if (signal === 'SIGKILL' && outcome.durationMs >= cpuSeconds * 1000) return 'cpu';
  if ((signal !== null || (exitCode !== null && exitCode !== 0)) && OUT_OF_MEMORY.test(stderr)) return 'memory';
  return undefined;
}

/** The argv to spawn and its working folder, isolated or not. */
/** The existing folders of `spec.readOnlySubdirs` (plain top-level names; symlinks are copied, never mounted). */
async function readOnlySubdirsOf(spec: SandboxSpec): Promise<{ source: string; name: string }[]> {
  const out: { source: string; name: string }[] = [];
  for (const name of spec.readOnlySubdirs ?? []) {
    if (!/^[\w@.-]+$/.test(name) || name === '.' || name === '..') throw new UsageError(`readOnlySubdirs takes folder names, not "${name}"`);
    const source = join(spec.workdir, name);
    const info = await lstat(source).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info?.isDirectory() === true) out.push({ source, name });
  }
  return out;
}

function commandLine(
  spec: SandboxSpec,
  host: HostFacts,
  workdir: ThrowAwayWorkdir,
  env: Readonly<Record<string, string>>,
  limits: ResourceLimits,
  uid: number | undefined,
  extraDirs: readonly string[],
  seccomp: boolean,
  readOnlyWorkMounts: readonly { readonly source: string; readonly name: string }[],
): { argv: string[]; cwd: string } {
  const { bwrap, prlimit, setpriv } = host.tools;
  if (prlimit === undefined) throw new SandboxUnavailableError('prlimit (util-linux) is not installed');
  const dropTo = uid !== undefined && setpriv !== undefined ? { setpriv, uid } : undefined;
  if (spec.unsafeNoSandbox === true) {
    const drop = dropTo === undefined ? [] : [dropTo.setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'];
    return { argv: [prlimit, ...prlimitArgs(limits), ...drop, spec.command, ...spec.args], cwd: workdir.work };
  }
  if (bwrap === undefined) throw new SandboxUnavailableError('bwrap (bubblewrap) is not installed');
  const argv = buildSandboxArgv({
    bwrap,
    prlimit,
    ...(dropTo === undefined ? {} : { dropTo }),
    canDisableUserns: host.canDisableUserns,
    hostEntries: host.hostEntries,
    extraReadOnlyDirs: extraDirs,
    workCopy: workdir.work,
    readOnlyWorkMounts,
    // Without a dedicated uid the caller's uid shows inside; naming it would reveal nothing useful.
    ...(uid === undefined ? {} : { identityFiles: workdir.identityFiles }),
    env,
    network: spec.network,
    seccomp,
    command: spec.command,
    args: spec.args,
    limits,
  });
  // bwrap itself starts in the throw-away root; the command starts in /work inside.
  return { argv, cwd: workdir.root };
}

/**
 * Run a command in a bubblewrap sandbox on a throw-away copy of `spec.workdir`, within the given limits.
 *
 * The command sees read-only system folders, a private /tmp and HOME, `/work` (the copy), no host
 * network (a fresh namespace with only loopback), only the environment in `spec.env` plus PATH, HOME and
 * LANG, and runs as an unprivileged, per-run uid. Everything it started is killed when the run ends.
 *
 * @throws SandboxUnavailableError when bubblewrap is missing or cannot create its namespaces, unless
 *   `spec.unsafeNoSandbox` is true (then the same limits apply without isolation, `settings.isolated` false).
 * @throws UsageError when a limit is not a positive integer or the workdir is not a readable directory.
 * @example
 * const result = await runInSandbox({
 *   command: 'node', args: ['witness.js'], workdir: proofDir, nodePath: process.execPath,
 *   timeoutMs: 5_000, memoryMb: 256, cpuSeconds: 5, maxProcesses: 32, maxOutputBytes: 65_536,
 *   network: 'none', collect: ['out.json'],
 * });
 */
export async function runInSandbox(spec: SandboxSpec): Promise<SandboxResult> {
  validateSpec(spec);
  const isolated = spec.unsafeNoSandbox !== true;
  const tempDir = spec.tempDir ?? tmpdir();
  const host = await inspectHost(spec.tools);
  const dropUid = host.isRoot && host.tools.setpriv !== undefined;
  if (dropUid) await assertTraversable(tempDir);
  if (isolated) {
    const reason = await probeSandbox(host, tempDir);
    if (reason !== undefined) throw new SandboxUnavailableError(reason);
  } else if (host.tools.prlimit === undefined) {
    throw new SandboxUnavailableError('prlimit (util-linux) is not installed; limits cannot be applied');
  }
  const uid = dropUid ? pickSandboxUid() : undefined;
  const limits: ResourceLimits = {
    memoryBytes: spec.memoryMb * MIB,
    cpuSeconds: spec.cpuSeconds,
    maxProcesses: spec.maxProcesses,
    maxFileBytes: spec.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  const nodeDir = nodeDirToMount(spec.nodePath);
  const extraDirs = nodeDir === undefined ? [] : [nodeDir];
  // Without namespaces nothing can be mounted: the folders are copied like the rest.
  const readOnlyWorkMounts = isolated ? await readOnlySubdirsOf(spec) : [];
  const workdir = await prepareWorkdir(spec.workdir, tempDir, uid, readOnlyWorkMounts.map((m) => m.name));
  try {
    const env = {
      PATH: sandboxPath(extraDirs),
      HOME: isolated ? SANDBOX_HOME : workdir.home,
      LANG: 'C.UTF-8',
      ...spec.env,
    };
    const policy = isolated ? buildSeccompPolicy(arch(), spec.network) : undefined;
    const seccompFile = policy === undefined ? undefined : await writeSeccompFile(workdir, policy.program);
    const { argv, cwd } = commandLine(spec, host, workdir, env, limits, uid, extraDirs, policy !== undefined, readOnlyWorkMounts);
    const outcome = await runProcess({
      argv,
      env: isolated ? {} : env,
      cwd,
      ...(spec.stdin === undefined ? {} : { stdin: spec.stdin }),
      timeoutMs: spec.timeoutMs,
      maxOutputBytes: spec.maxOutputBytes,
      bwrapStatus: isolated,
      ...(seccompFile === undefined ? {} : { extraFds: [seccompFile.fd] }),
    }).finally(() => seccompFile?.close());
    const { exitCode, signal } = isolated
      ? decodeBwrapExit(outcome.exitCode)
      : { exitCode: outcome.exitCode, signal: outcome.signal };
    const stdout = outcome.stdout.toString('utf8');
    const stderr = outcome.stderr.toString('utf8');
    const killedFor = killReason(outcome, outcome.signal ?? signal, exitCode, stderr, spec.cpuSeconds);
    const settings: SandboxSettings = {
      isolated,
      sandbox: isolated ? 'bubblewrap' : 'none',
      ...(host.bwrapVersion === undefined ? {} : { bwrapVersion: host.bwrapVersion }),
      command: spec.command,
      args: [...spec.args],
      envNames: Object.keys(env).sort(),
      network: spec.network,
      ...(uid === undefined ? {} : { uid }),
      timeoutMs: spec.timeoutMs,
      memoryMb: spec.memoryMb,
      cpuSeconds: spec.cpuSeconds,
      maxProcesses: spec.maxProcesses,
      maxOutputBytes: spec.maxOutputBytes,
      maxFileBytes: limits.maxFileBytes,
      processLimit: uid === undefined ? 'rlimit-nproc-caller-uid' : 'rlimit-nproc-dedicated-uid',
      memoryLimit: 'rlimit-data',
      mounts: isolated
        ? describeMounts({
            hostEntries: host.hostEntries,
            extraReadOnlyDirs: extraDirs,
            ...(uid === undefined ? {} : { identityFiles: workdir.identityFiles }),
            readOnlyWorkMounts,
          })
        : [],
      namespaces: isolated ? SANDBOX_NAMESPACES : [],
      seccomp: policy?.rules ?? [],
    };
    const files =
      spec.collect === undefined ? undefined : await collectFiles(workdir.work, spec.collect, limits.maxFileBytes);
    return {
      exitCode: outcome.timedOut || outcome.outputExceeded ? null : exitCode,
      signal: outcome.timedOut || outcome.outputExceeded ? 'SIGKILL' : signal,
      timedOut: outcome.timedOut,
      ...(killedFor === undefined ? {} : { killedFor }),
      stdout,
      stderr,
      truncated: outcome.truncated,
      durationMs: outcome.durationMs,
      settings,
      ...(files === undefined ? {} : { files }),
    };
  } finally {
    await removeWorkdir(workdir);
  }
}

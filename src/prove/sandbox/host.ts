import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chown, lstat, mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { HostEntry, SandboxPlan } from './sandbox-argv.js';
import { buildSandboxArgv, SANDBOX_HOME, sandboxPath, SYSTEM_PATHS } from './sandbox-argv.js';
import { runProcess } from './run-process.js';
import type { ResolvedTools } from './tools.js';
import { resolveTools } from './tools.js';
import type { SandboxCheck, SandboxTools } from './types.js';

const execFileAsync = promisify(execFile);

/** Sandbox uids are drawn from a range far above login and subordinate (container) uids. */
const UID_BASE = 1_900_000_000;
const UID_SPAN = 100_000_000;

/** What the host offers the sandbox, found once per run. */
export interface HostFacts {
  readonly tools: ResolvedTools;
  readonly bwrapVersion?: string;
  readonly canDisableUserns: boolean;
  readonly isRoot: boolean;
  readonly hostEntries: readonly HostEntry[];
}

/** A fresh uid for one run, so RLIMIT_NPROC counts only that run's processes. */
export function pickSandboxUid(): number {
  return UID_BASE + randomInt(UID_SPAN);
}

/** Parse `bubblewrap 0.8.0` into [0, 8, 0]. */
export function parseBwrapVersion(output: string): [number, number, number] | undefined {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Which system folders exist on the host, and which of them are symlinks (merged /usr). */
async function listHostEntries(): Promise<HostEntry[]> {
  const entries: HostEntry[] = [];
  for (const path of SYSTEM_PATHS) {
    const info = await lstat(path).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error) return undefined;
      throw error;
    });
    if (info === undefined) continue;
    if (info.isSymbolicLink()) entries.push({ path, kind: 'symlink', target: await readlink(path) });
    else if (info.isDirectory()) entries.push({ path, kind: 'dir' });
    else if (info.isFile()) entries.push({ path, kind: 'file' });
  }
  return entries;
}

/** Gather the tools, bwrap version, privilege and folder layout of this host. */
export async function inspectHost(tools?: SandboxTools): Promise<HostFacts> {
  const resolved = await resolveTools(tools);
  let bwrapVersion: string | undefined;
  if (resolved.bwrap !== undefined) {
    const { stdout } = await execFileAsync(resolved.bwrap, ['--version'], { env: {}, timeout: 5_000 });
    bwrapVersion = stdout.trim().replace(/^bubblewrap\s+/, '');
  }
  const parsed = bwrapVersion === undefined ? undefined : parseBwrapVersion(bwrapVersion);
  const canDisableUserns = parsed !== undefined && (parsed[0] > 0 || parsed[1] >= 8);
  return {
    tools: resolved,
    ...(bwrapVersion === undefined ? {} : { bwrapVersion }),
    canDisableUserns,
    isRoot: userInfo().uid === 0,
    hostEntries: await listHostEntries(),
  };
}

/** Why the host cannot isolate a run, or undefined when it has the tools it needs. */
export function missingTool(host: HostFacts): string | undefined {
  if (host.tools.bwrap === undefined) return 'bwrap (bubblewrap) is not installed';
  if (host.tools.prlimit === undefined) return 'prlimit (util-linux) is not installed';
  if (host.isRoot && host.tools.setpriv === undefined) {
    return 'setpriv (util-linux) is needed to drop root before entering the sandbox';
  }
  return undefined;
}

/** Run `true` in a minimal sandbox with the real flag set; the reason is bwrap's own message on failure. */
export async function probeSandbox(host: HostFacts, tempDir: string = tmpdir()): Promise<string | undefined> {
  const missing = missingTool(host);
  if (missing !== undefined) return missing;
  const { bwrap, prlimit, setpriv } = host.tools;
  if (bwrap === undefined || prlimit === undefined) return 'bwrap or prlimit is not installed';
  // The probe runs as a dropped uid too, so it fails exactly when real runs would.
  const dropTo = host.isRoot && setpriv !== undefined ? { setpriv, uid: pickSandboxUid() } : undefined;
  const dir = await mkdtemp(join(tempDir, 'yagura-sandbox-probe-'));
  try {
    if (dropTo !== undefined) await chown(dir, dropTo.uid, dropTo.uid);
    const plan: SandboxPlan = {
      bwrap,
      prlimit,
      ...(dropTo === undefined ? {} : { dropTo }),
      canDisableUserns: host.canDisableUserns,
      hostEntries: host.hostEntries,
      extraReadOnlyDirs: [],
      workCopy: dir,
      env: { PATH: sandboxPath([]), HOME: SANDBOX_HOME },
      network: 'none',
      command: 'true',
      args: [],
      limits: { memoryBytes: 64 * 1024 * 1024, cpuSeconds: 5, maxProcesses: 16, maxFileBytes: 1024 * 1024 },
    };
    const outcome = await runProcess({
      argv: buildSandboxArgv(plan),
      env: {},
      cwd: dir,
      timeoutMs: 10_000,
      maxOutputBytes: 4_096,
      bwrapStatus: true,
    });
    if (outcome.exitCode === 0) return undefined;
    const stderr = outcome.stderr.toString('utf8').trim();
    return stderr === '' ? `bwrap probe failed (exit ${String(outcome.exitCode)}, signal ${String(outcome.signal)})` : stderr;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Whether proofs can run isolated on this host: bubblewrap installed and able to create its namespaces.
 *
 * @example
 * const check = await checkSandbox();
 * if (!check.available) console.warn(`proofs disabled: ${check.reason}`);
 */
export async function checkSandbox(tools?: SandboxTools): Promise<SandboxCheck> {
  const host = await inspectHost(tools);
  const reason = await probeSandbox(host);
  const version = host.bwrapVersion === undefined ? {} : { version: host.bwrapVersion };
  return reason === undefined ? { available: true, ...version } : { available: false, ...version, reason };
}

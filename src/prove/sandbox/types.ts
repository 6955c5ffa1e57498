/**
 * Network access inside the sandbox. Both run in a fresh network namespace with only `lo`; `none` also
 * refuses IPv4/IPv6 sockets with seccomp, so not even loopback works.
 */
export type SandboxNetwork = 'none' | 'loopback';

/** Why the sandbox ended a run before the command finished on its own. */
export type SandboxKillReason = 'timeout' | 'memory' | 'cpu' | 'output';

/** Absolute paths of the host tools the sandbox needs; found in the usual system folders when omitted. */
export interface SandboxTools {
  readonly bwrap?: string;
  readonly prlimit?: string;
  readonly setpriv?: string;
}

/** What to run in the sandbox, on which files, and within which limits. */
export interface SandboxSpec {
  /** Program to execute inside; a bare name is looked up in the sandbox PATH. */
  readonly command: string;
  readonly args: readonly string[];
  /** Host directory copied into a throw-away folder mounted read-write at `/work`; the original is never touched. */
  readonly workdir: string;
  /** The ONLY variables set inside, besides PATH, HOME=/tmp/home and LANG. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wall-clock limit; the whole sandbox is SIGKILLed when it passes. */
  readonly timeoutMs: number;
  /** Limit on private writable memory (RLIMIT_DATA) per process; node needs at least about 64. */
  readonly memoryMb: number;
  /** CPU time per process (RLIMIT_CPU): SIGXCPU at the limit, SIGKILL one second later. */
  readonly cpuSeconds: number;
  /** Processes and threads of the sandbox user (RLIMIT_NPROC on a dedicated uid); node needs about 12. */
  readonly maxProcesses: number;
  /** Bytes kept of stdout and of stderr each; more ends the run (`killedFor: 'output'`). */
  readonly maxOutputBytes: number;
  /** Size limit of any file written (RLIMIT_FSIZE). Default 64 MiB. */
  readonly maxFileBytes?: number;
  readonly network: SandboxNetwork;
  readonly stdin?: string;
  /**
   * Top-level folders of `workdir` (`node_modules`) mounted read-only at the same place under `/work` instead
   * of being copied: large dependency trees cost nothing per run and no run can change them for the next.
   */
  readonly readOnlySubdirs?: readonly string[];
  /** Paths relative to `/work` to read back after the run; missing files and symlinks are skipped. */
  readonly collect?: readonly string[];
  /** Absolute path of the node binary (the caller passes `process.execPath`); its folder is mounted read-only. */
  readonly nodePath?: string;
  /** Host folder under which the throw-away copy is made. Default: `os.tmpdir()`. */
  readonly tempDir?: string;
  /** Run WITHOUT isolation (same limits, no namespaces) when bubblewrap is unusable. Never a default. */
  readonly unsafeNoSandbox?: boolean;
  readonly tools?: SandboxTools;
}

/** How the process count is bounded, recorded in the evidence. */
export type ProcessLimitMethod = 'rlimit-nproc-dedicated-uid' | 'rlimit-nproc-caller-uid';

/** The effective settings of one run, for the evidence record. */
export interface SandboxSettings {
  /** False only when the caller asked for `unsafeNoSandbox`. */
  readonly isolated: boolean;
  readonly sandbox: 'bubblewrap' | 'none';
  readonly bwrapVersion?: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Names of the variables set inside (values are not recorded). */
  readonly envNames: readonly string[];
  readonly network: SandboxNetwork;
  /** Host uid the sandboxed processes run as; undefined when the caller's own uid is used. */
  readonly uid?: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly cpuSeconds: number;
  readonly maxProcesses: number;
  readonly maxOutputBytes: number;
  readonly maxFileBytes: number;
  readonly processLimit: ProcessLimitMethod;
  readonly memoryLimit: 'rlimit-data';
  /** Read-only and read-write mounts as `ro:/usr`, `rw:/work`, `tmpfs:/tmp`. */
  readonly mounts: readonly string[];
  /** Namespaces unshared from the host. */
  readonly namespaces: readonly string[];
  /** What the seccomp filter refuses (`eacces:socket(AF_INET)`...); empty when none is applied. */
  readonly seccomp: readonly string[];
}

/** A file read back from the throw-away workdir. */
export interface CollectedFile {
  /** Path relative to `/work`, as requested. */
  readonly path: string;
  readonly content: Buffer;
}

/** The outcome of one sandboxed run. */
export interface SandboxResult {
  /** Exit code of the command; null when a signal ended it. */
  readonly exitCode: number | null;
  /** Signal name that ended the command (`SIGKILL`, `SIGXCPU`...), or null. */
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly killedFor?: SandboxKillReason;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether stdout or stderr was cut at `maxOutputBytes`. */
  readonly truncated: boolean;
  readonly durationMs: number;
  readonly settings: SandboxSettings;
  readonly files?: readonly CollectedFile[];
}

/** Whether the sandbox can run on this host. */
export interface SandboxCheck {
  readonly available: boolean;
  readonly version?: string;
  readonly reason?: string;
}

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
// Signalling our own child's process group; no other use of process state (STYLE.md §1).
import { kill as killPid } from 'node:process';

/** How long bwrap gets to exit after its sandbox was killed, before its whole group is. */
const KILL_GRACE_MS = 500;

/** SIGKILL a pid (or a group, when negative); a process already gone is what we wanted. */
function signal(pid: number): void {
  try {
    killPid(pid, 'SIGKILL');
  } catch (error: unknown) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error;
  }
}

/** How long to wait for the pipes to close after the process exits. */
const PIPE_GRACE_MS = 250;

/** How to run one host process with a wall-clock limit and capped output. */
export interface ProcessRun {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly stdin?: string;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  /** Read bwrap's `--json-status-fd` on fd 3 to kill the sandbox's pid 1 rather than bwrap itself. */
  readonly bwrapStatus?: boolean;
  /** Open file descriptors passed to the child as fd 4, 5...; the caller closes them. */
  readonly extraFds?: readonly number[];
}

/** What happened to the process, before any interpretation of limits. */
export interface ProcessOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly outputExceeded: boolean;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly truncated: boolean;
  readonly durationMs: number;
}

/** Bytes of one stream, kept up to a cap. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  /** Keep what fits; return false once anything had to be dropped. */
  push(chunk: Buffer): boolean {
    const room = this.cap - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.cap;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * Spawn `argv` in its own process group, feed `stdin`, keep at most `maxOutputBytes` of stdout and of stderr,
 * and SIGKILL the whole group at the timeout or when output overflows. Resolves once the group is gone.
 */
export function runProcess(run: ProcessRun): Promise<ProcessOutcome> {
  const [file, ...args] = run.argv;
  if (file === undefined) return Promise.reject(new Error('runProcess needs a program'));
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: run.cwd,
    env: { ...run.env },
    stdio: ['pipe', 'pipe', 'pipe', run.bwrapStatus === true ? 'pipe' : 'ignore', ...(run.extraFds ?? [])],
    detached: true,
  });
  const [childStdin, childStdout, childStderr, status] = child.stdio;
  if (childStdin === null || childStdout === null || childStderr === null) {
    return Promise.reject(new Error('runProcess lost its pipes'));
  }
  const stdout = new CappedBuffer(run.maxOutputBytes);
  const stderr = new CappedBuffer(run.maxOutputBytes);
  let timedOut = false;
  let outputExceeded = false;

  let statusText = '';
  let sandboxPid: number | undefined;
  let exited = false;
  status?.on('data', (chunk: Buffer) => {
    statusText += chunk.toString('utf8');
    const pid = /"child-pid":\s*(\d+)/.exec(statusText)?.[1];
    if (pid !== undefined) sandboxPid = Number(pid);
    // Once bwrap reported the exit, the pid may be reused: never signal it again.
    if (statusText.includes('"exit-code"')) sandboxPid = undefined;
  });

  const killGroup = (): void => {
    if (child.pid !== undefined) signal(-child.pid);
  };
  /** Kill the sandbox's pid 1 (the kernel then kills its whole pid namespace) and let bwrap exit; else the group. */
  const killRun = (): void => {
    if (sandboxPid === undefined || exited) {
      killGroup();
      return;
    }
    signal(sandboxPid);
    setTimeout(() => {
      if (!exited) killGroup();
    }, KILL_GRACE_MS).unref();
  };

  return new Promise<ProcessOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      killRun();
    }, run.timeoutMs);
    const onData = (buffer: CappedBuffer) => (chunk: Buffer) => {
      if (!buffer.push(chunk) && !outputExceeded) {
        outputExceeded = true;
        killRun();
      }
    };
    childStdout.on('data', onData(stdout));
    childStderr.on('data', onData(stderr));
    // The command may exit without reading its input; EPIPE on stdin is then expected and harmless.
    childStdin.on('error', (error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'EPIPE')) killRun();
    });
    childStdin.end(run.stdin ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', () => {
      exited = true;
      // Background children of an unisolated run may hold the pipes; end them with the leader, and stop
      // waiting for pipes that a child which left the group still holds.
      killGroup();
      setTimeout(() => {
        childStdout.destroy();
        childStderr.destroy();
        status?.destroy();
      }, PIPE_GRACE_MS).unref();
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code,
        signal,
        timedOut,
        outputExceeded,
        stdout: stdout.toBuffer(),
        stderr: stderr.toBuffer(),
        truncated: stdout.truncated || stderr.truncated,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}

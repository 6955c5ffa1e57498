import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';

import type { Diagnostics, Parameters } from 'recheck';

import type { AutomatonBackend, AutomatonCheck, RecheckOutcome } from '../rules/index.js';
import { recheckFailure, recheckOutcome } from '../rules/index.js';

/** An {@link AutomatonBackend} that can be stopped: what a scan starts and closes at its end. */
export interface ClosableAutomatonBackend extends AutomatonBackend {
  close(): Promise<void>;
}

/** Options of {@link RegexAutomatonAgent}. */
export interface RegexAutomatonAgentOptions {
  /** recheck's native binary (see `resolveRecheckBinary`). */
  readonly binaryPath: string;
  /** Where checks go when the agent cannot start or fails; closed with the agent. */
  readonly fallback: ClosableAutomatonBackend;
  /** With checks pending, an agent silent this long is declared hung and replaced by the fallback. */
  readonly stallMillis?: number;
  /** How much faster the binary is than the pure checker: its timeouts are divided by this (default {@link NATIVE_SPEEDUP}). */
  readonly speedup?: number;
}

/**
 * The time budgets of regex-complexity.ts are the pure checker's. The binary does the same work faster: on the 35
 * tainted patterns of the engine corpus that take it 15 ms or more, it took 7.9 s where the pure checker took 31.9 s
 * (4.05 times as fast; per pattern 1.9 to 13 times). Dividing its timeouts by 4 gives it about the same work per
 * check, so a verdict is the one the pure checker would reach, whichever runs, and a pattern that neither can
 * decide in its budget costs a quarter of the time.
 */
export const NATIVE_SPEEDUP = 4;

/** A check on its way to the agent. */
interface Job {
  readonly pattern: string;
  readonly flags: string;
  readonly params: Parameters;
  readonly resolve: (outcome: RecheckOutcome) => void;
}

type AgentChild = ChildProcessByStdio<Writable, Readable, null>;

/** One running `recheck agent` process. */
interface AgentProcess {
  readonly child: AgentChild;
  /** Whether it answered the ping: until then checks wait here instead of being written. */
  ready: boolean;
  /** Checks not answered yet, by request id. */
  readonly pending: Map<number, Job>;
  /** Fires when the agent has been silent for `stallMillis`; refreshed by every line and every new check. */
  readonly stall: NodeJS.Timeout;
}

/** A line of the agent's output: a result, a JSON-RPC error, or a progress `message` (ignored). */
interface AgentReply {
  readonly id?: number | null;
  readonly result?: unknown;
  readonly error?: { readonly message?: string };
  readonly message?: unknown;
}

const PING_ID = 0;
/** Crashes after a good start that give the agent up for the backend's life (a crash loop would cost a spawn per check). */
const MAX_CRASHES = 3;
const DEFAULT_STALL_MILLIS = 30_000;

/**
 * recheck's automaton checker in its native binary (GraalVM), run as `recheck agent`: a child process that reads
 * line-delimited JSON-RPC requests on stdin and answers on stdout, checking on its own threads. On 40 slow patterns
 * of the engine corpus it took 3.8 s where the Scala.js checker of {@link RegexAutomatonWorker} took 10.3 s, with the
 * same verdicts but for the pure checker's timeouts. The process starts on the first check and keeps Node alive
 * only while checks are pending.
 *
 * recheck's own `check()` speaks the same protocol, but picks its backend from environment variables
 * (`RECHECK_BACKEND`, `RECHECK_BIN`), which only entry points may read; this client takes the binary as an argument.
 * Only recheck's binary runs here, on regex patterns: scanned code is never executed.
 *
 * When the binary cannot start (spawn error, no answer to the ping, early exit), exits, stalls or rejects a request,
 * the affected checks run on `fallback` instead, so no check is lost and the verdicts stay those of recheck.
 */
export class RegexAutomatonAgent implements ClosableAutomatonBackend {
  private agent: AgentProcess | undefined;
  private nextId = PING_ID + 1;
  private crashes = 0;
  /** Set once the agent could not start or crashed too often: every check goes to the fallback. */
  private disabled = false;
  private failure: string | undefined;
  private readonly binaryPath: string;
  private readonly fallback: ClosableAutomatonBackend;
  private readonly stallMillis: number;
  private readonly speedup: number;

  constructor(options: RegexAutomatonAgentOptions) {
    this.binaryPath = options.binaryPath;
    this.fallback = options.fallback;
    this.stallMillis = options.stallMillis ?? DEFAULT_STALL_MILLIS;
    this.speedup = options.speedup ?? NATIVE_SPEEDUP;
  }

  /** The agent's process id while one runs (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.agent?.child.pid;
  }

  /** Why the agent last failed, if it did (for diagnostics and tests). */
  get lastFailure(): string | undefined {
    return this.failure;
  }

  /**
   * The {@link AutomatonCheck} to hand to `ConcurrentRegexComplexityCache`; `params` go to recheck with their timeouts
   * divided by the speedup (the fallback gets them unchanged).
   */
  readonly check: AutomatonCheck = (pattern, flags, params) =>
    new Promise<RecheckOutcome>((resolve) => {
      const job: Job = { pattern, flags, params, resolve };
      if (this.disabled) {
        this.runOnFallback(job);
        return;
      }
      let agent: AgentProcess;
      try {
        agent = this.agent ??= this.spawn();
      } catch (error: unknown) {
        // spawn() throws only on arguments it cannot pass (a path with a NUL byte): no agent will ever start.
        this.disabled = true;
        this.failure = error instanceof Error ? error.message : String(error);
        this.runOnFallback(job);
        return;
      }
      const id = this.nextId++;
      if (agent.pending.size === 0) this.wake(agent);
      agent.pending.set(id, job);
      if (agent.ready) this.send(agent, id, job);
    });

  /** The checks run in another process; only those handed to the fallback can be helped with here. */
  runQueuedHere(): void {
    this.fallback.runQueuedHere?.();
  }

  /** Stop the agent (pending checks end as `unknown`) and the fallback; the next check starts a new agent. */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    if (agent !== undefined) {
      clearTimeout(agent.stall);
      for (const job of agent.pending.values()) job.resolve({ status: 'unknown', reason: 'recheck agent closed' });
      agent.pending.clear();
      await stopProcess(agent.child);
    }
    await this.fallback.close();
  }

  private spawn(): AgentProcess {
    // stderr ignored: only entry points print, and a failure is told by the exit, not by the agent's words.
    const child = spawn(this.binaryPath, ['agent'], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    const stall = setTimeout(() => {
      // Silence is only a fault while something waits for an answer.
      if (!agent.ready || agent.pending.size > 0) this.fail(agent, `recheck agent silent for ${String(this.stallMillis)} ms`);
    }, this.stallMillis);
    stall.unref();
    const agent: AgentProcess = { child, ready: false, pending: new Map(), stall };
    child.on('error', (error: Error) => {
      this.fail(agent, error.message);
    });
    // 'close', not 'exit': the answers the agent wrote before exiting are read first.
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      this.fail(agent, `recheck agent exited (${signal ?? `code ${String(code)}`})`);
    });
    // A write to a dead agent fails (EPIPE): it is gone, and its checks go to the fallback.
    child.stdin.on('error', (error: Error) => {
      this.fail(agent, error.message);
    });
    child.stdout.setEncoding('utf8');
    let partial = '';
    child.stdout.on('data', (chunk: string) => {
      const lines = chunk.split('\n');
      const rest = lines.pop() ?? '';
      if (lines.length > 0) {
        lines[0] = partial + (lines[0] ?? '');
        partial = '';
      }
      partial += rest;
      for (const line of lines) this.receive(agent, line);
    });
    // The pipes never keep Node alive; the process handle does, while checks are pending (see wake/sleep).
    for (const pipe of [child.stdin, child.stdout]) if (pipe instanceof Socket) pipe.unref();
    child.unref();
    this.write(agent, { jsonrpc: '2.0+push', id: PING_ID, method: 'ping', params: {} });
    return agent;
  }

  private receive(agent: AgentProcess, line: string): void {
    if (line === '' || this.agent !== agent) return;
    let reply: AgentReply;
    try {
      reply = JSON.parse(line) as AgentReply;
    } catch (error: unknown) {
      this.fail(agent, `unreadable reply from recheck agent: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    agent.stall.refresh();
    if (reply.id === PING_ID) {
      if (reply.result === undefined) {
        this.fail(agent, `recheck agent refused the ping: ${reply.error?.message ?? line.slice(0, 200)}`);
        return;
      }
      agent.ready = true;
      for (const [id, job] of agent.pending) this.send(agent, id, job);
      return;
    }
    const id = reply.id;
    if (typeof id !== 'number' || reply.message !== undefined) return;
    const job = agent.pending.get(id);
    if (job === undefined) return;
    if (reply.result === undefined && reply.error === undefined) return;
    agent.pending.delete(id);
    if (agent.pending.size === 0) this.sleep(agent);
    // A request the agent rejects (parameters it cannot decode) is the pure checker's to answer, not `unknown`.
    if (reply.result === undefined) this.runOnFallback(job);
    else job.resolve(toOutcome(reply.result));
  }

  private send(agent: AgentProcess, id: number, job: Job): void {
    const { timeout } = job.params;
    const params = typeof timeout === 'number' ? { ...job.params, timeout: Math.round(timeout / this.speedup) } : job.params;
    this.write(agent, { jsonrpc: '2.0+push', id, method: 'check', params: { source: job.pattern, flags: job.flags, params } });
  }

  private write(agent: AgentProcess, request: object): void {
    if (agent.child.stdin.writable) agent.child.stdin.write(`${JSON.stringify(request)}\n`);
  }

  /** Checks are pending: keep Node alive until they are answered, and watch for a hung agent. */
  private wake(agent: AgentProcess): void {
    agent.child.ref();
    agent.stall.refresh();
  }

  private sleep(agent: AgentProcess): void {
    agent.child.unref();
  }

  /** The agent is unusable: its unanswered checks run on the fallback, and later checks on a new agent or the fallback. */
  private fail(agent: AgentProcess, reason: string): void {
    if (this.agent !== agent) return;
    this.agent = undefined;
    clearTimeout(agent.stall);
    agent.child.kill('SIGKILL');
    if (!agent.ready || ++this.crashes >= MAX_CRASHES) this.disabled = true;
    this.failure = reason;
    for (const job of agent.pending.values()) this.runOnFallback(job);
    agent.pending.clear();
  }

  private runOnFallback(job: Job): void {
    this.fallback.check(job.pattern, job.flags, job.params).then(job.resolve, (error: unknown) => {
      job.resolve(recheckFailure(error));
    });
  }
}

function toOutcome(result: unknown): RecheckOutcome {
  try {
    return recheckOutcome(result as Diagnostics);
  } catch (error: unknown) {
    return recheckFailure(error);
  }
}

/** Kill the process and wait for its exit; SIGKILL if it ignores SIGTERM. */
async function stopProcess(child: AgentChild): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  // The idle agent is unref'd; waiting for its exit must keep the loop alive, or the caller never resumes.
  child.ref();
  child.kill();
  const force = setTimeout(() => {
    child.kill('SIGKILL');
  }, 1_000);
  force.unref();
  await exited;
  clearTimeout(force);
}

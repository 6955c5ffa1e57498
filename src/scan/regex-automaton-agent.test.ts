import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Parameters } from 'recheck';
import { afterEach, describe, expect, it } from 'vitest';

import { analyzeRegexComplexity, ConcurrentRegexComplexityCache, runRecheck } from '../rules/index.js';
import { resolveRecheckBinary } from './automaton-backend.js';
import { RegexAutomatonAgent } from './regex-automaton-agent.js';
import { RegexAutomatonWorker } from './regex-automaton-worker.js';
import { runModuleScript } from './test-support/module-script.js';

// The parameters of a full check (rules/dos/regex-complexity.ts): the agent passes them through, its timeout divided by the speedup.
const AUTOMATON: Parameters = { checker: 'automaton', timeout: 1_000, randomSeed: 42, maxAttackStringSize: 100_000, attackTimeout: 500 };
// Patterns the automaton decides in milliseconds (no time budget near): safe, exponential, polynomial, linear with flags.
const PATTERNS: readonly (readonly [string, string])[] = [
  ['^(?:a|b)*c$', ''],
  ['^(a+)+$', ''],
  ['^(a|a?)+b$', ''],
  ['^\\s+|\\s+$', ''],
  ['^\\s*a*\\s*,\\s*$', ''],
  ['(\\w+\\s?)*$', ''],
  ['^[a-z0-9]+$', 'i'],
];
// Fewer for the fallback: the pure checker starts on a fresh thread and is slower.
const FALLBACK_PATTERNS: readonly (readonly [string, string])[] = [
  ['^(?:a|b)*c$', ''],
  ['^(a+)+$', ''],
  ['^\\s+|\\s+$', ''],
];

const binaryPath = resolveRecheckBinary();
const agents: RegexAutomatonAgent[] = [];

function createAgent(options: { binaryPath?: string; stallMillis?: number; speedup?: number } = {}): RegexAutomatonAgent {
  const path = options.binaryPath ?? binaryPath;
  if (path === undefined) throw new Error('recheck-linux-x64 (or this platform’s recheck binary) is not installed');
  const agent = new RegexAutomatonAgent({
    binaryPath: path,
    fallback: new RegexAutomatonWorker(),
    ...(options.stallMillis === undefined ? {} : { stallMillis: options.stallMillis }),
    ...(options.speedup === undefined ? {} : { speedup: options.speedup }),
  });
  agents.push(agent);
  return agent;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return false;
    throw error;
  }
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('RegexAutomatonAgent', () => {
  it("gives recheck's pure verdicts, attack strings included, for the same parameters", async () => {
    const agent = createAgent();
    for (const [pattern, flags] of PATTERNS) expect(await agent.check(pattern, flags, AUTOMATON)).toEqual(runRecheck(pattern, flags, AUTOMATON));
    expect(agent.lastFailure).toBeUndefined();
  });

  it('answers concurrent checks each with its own verdict', async () => {
    const agent = createAgent();
    const outcomes = await Promise.all(PATTERNS.map(([pattern, flags]) => agent.check(pattern, flags, AUTOMATON)));
    expect(outcomes).toEqual(PATTERNS.map(([pattern, flags]) => runRecheck(pattern, flags, AUTOMATON)));
  });

  it('gives the ReDoS analysis the verdicts of the synchronous analysis', async () => {
    const agent = createAgent();
    const cache = new ConcurrentRegexComplexityCache(agent);
    for (const [pattern, flags] of PATTERNS) cache.prefetch(pattern, flags);
    cache.runQueuedHere();
    for (const [pattern, flags] of PATTERNS) expect(await cache.analyze(pattern, flags)).toEqual(analyzeRegexComplexity(pattern, flags));
  });

  it('answers unknown within its budget on a pattern the automaton cannot finish', async () => {
    const agent = createAgent();
    await agent.check('^a$', '', AUTOMATON); // the process is up: time the check alone
    const started = Date.now();
    const outcome = await agent.check('(a|a?)+b(c+)+d(e|ee)*f'.repeat(12), '', { ...AUTOMATON, timeout: 200 });
    expect(outcome).toEqual({ status: 'unknown', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it("gives the binary the pure checker's budget divided by its speedup", async () => {
    const slow = '(a|a?)+b(c+)+d(e|ee)*f'.repeat(12);
    const timed = async (agent: RegexAutomatonAgent, timeout: number): Promise<number> => {
      await agent.check('^a$', '', AUTOMATON); // the process is up: time the check alone
      const started = Date.now();
      expect(await agent.check(slow, '', { ...AUTOMATON, timeout })).toEqual({ status: 'unknown', reason: 'timeout' });
      return Date.now() - started;
    };
    // 2 s of the pure checker's time is 500 ms of the binary's by default.
    expect(await timed(createAgent(), 2_000)).toBeLessThan(1_500);
    expect(await timed(createAgent({ speedup: 1 }), 700)).toBeGreaterThanOrEqual(650);
  });

  it('runs every check on the fallback when the binary does not exist', async () => {
    const agent = createAgent({ binaryPath: join(tmpdir(), 'no-such-dir', 'recheck') });
    const outcomes = await Promise.all(FALLBACK_PATTERNS.map(([pattern, flags]) => agent.check(pattern, flags, AUTOMATON)));
    expect(outcomes).toEqual(FALLBACK_PATTERNS.map(([pattern, flags]) => runRecheck(pattern, flags, AUTOMATON)));
    expect(agent.lastFailure).toMatch(/ENOENT/);
    expect(await agent.check('^(a+)+$', '', AUTOMATON)).toEqual(runRecheck('^(a+)+$', '', AUTOMATON));
  });

  it('runs the check on the fallback when the path cannot even be passed to spawn', async () => {
    const agent = createAgent({ binaryPath: 'rech\0eck' });
    expect(await agent.check('^(a+)+$', '', AUTOMATON)).toEqual(runRecheck('^(a+)+$', '', AUTOMATON));
    expect(agent.lastFailure).toMatch(/null bytes/);
  });

  it('falls back when the program never answers the ping', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yagura-agent-'));
    try {
      const silent = join(dir, 'recheck');
      await writeFile(silent, '#!/bin/sh\nexec sleep 30\n');
      await chmod(silent, 0o755);
      const agent = createAgent({ binaryPath: silent, stallMillis: 300 });
      expect(await agent.check('^(a+)+$', '', AUTOMATON)).toEqual(runRecheck('^(a+)+$', '', AUTOMATON));
      expect(agent.lastFailure).toMatch(/silent/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('re-runs on the fallback the checks pending when the agent dies', async () => {
    const agent = createAgent();
    await agent.check('^a$', '', AUTOMATON);
    const pending = FALLBACK_PATTERNS.map(([pattern, flags]) => agent.check(pattern, flags, AUTOMATON));
    const pid = agent.pid;
    expect(pid).toBeDefined();
    process.kill(pid ?? 0, 'SIGKILL');
    expect(await Promise.all(pending)).toEqual(FALLBACK_PATTERNS.map(([pattern, flags]) => runRecheck(pattern, flags, AUTOMATON)));
    expect(agent.lastFailure).toMatch(/SIGKILL/);
    // A crash after a good start is not final: the next check starts a new agent.
    expect(await agent.check('^(a+)+$', '', AUTOMATON)).toEqual(runRecheck('^(a+)+$', '', AUTOMATON));
    expect(agent.pid).not.toBe(pid);
  });

  it('kills the process on close, answering pending checks with unknown, and starts a new one for the next check', async () => {
    const agent = createAgent();
    await agent.check('^a$', '', AUTOMATON);
    const pid = agent.pid ?? 0;
    expect(isRunning(pid)).toBe(true);
    const pending = agent.check('(a|a?)+b(c+)+d(e|ee)*f'.repeat(12), '', AUTOMATON);
    await agent.close();
    expect(isRunning(pid)).toBe(false);
    expect((await pending).status).toBe('unknown');
    expect((await agent.check('^(a+)+$', '', AUTOMATON)).status).toBe('vulnerable');
    expect(agent.pid).not.toBe(pid);
  });

  it('keeps the process alive until the idle agent has exited, so the code after close() runs', async () => {
    // The idle agent does not hold the event loop; a program with nothing else to do must still resume after close().
    const agentModule = new URL('./regex-automaton-agent.ts', import.meta.url).href;
    const workerModule = new URL('./regex-automaton-worker.ts', import.meta.url).href;
    const stdout = await runModuleScript(
      `import { RegexAutomatonAgent } from ${JSON.stringify(agentModule)};\n` +
        `import { RegexAutomatonWorker } from ${JSON.stringify(workerModule)};\n` +
        `const agent = new RegexAutomatonAgent({ binaryPath: ${JSON.stringify(binaryPath ?? '')}, fallback: new RegexAutomatonWorker() });\n` +
        `console.log((await agent.check('^(a+)+$', '', ${JSON.stringify(AUTOMATON)})).status);\n` +
        `await agent.close();\n` +
        `console.log('closed');\n`,
    );
    expect(stdout.split('\n')).toEqual(['vulnerable', 'closed', '']);
  });
});

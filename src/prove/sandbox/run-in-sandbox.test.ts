import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SandboxUnavailableError, UsageError } from '../../core/index.js';
import { runInSandbox } from '../index.js';
import type { SandboxSpec } from '../index.js';

let base: string;
let workdir: string;

/** A spec with small limits, overridable per test. */
function spec(overrides: Partial<SandboxSpec> & Pick<SandboxSpec, 'command' | 'args'>): SandboxSpec {
  return {
    workdir,
    nodePath: process.execPath,
    timeoutMs: 5_000,
    memoryMb: 256,
    cpuSeconds: 5,
    maxProcesses: 64,
    maxOutputBytes: 64 * 1024,
    network: 'none',
    tempDir: base,
    ...overrides,
  };
}

/** Run a node script inside the sandbox. */
function node(script: string, overrides: Partial<SandboxSpec> = {}) {
  return runInSandbox(spec({ command: 'node', args: ['-e', script], ...overrides }));
}

/** Host processes whose command line contains `marker`, or that run as `uid`. */
function survivors(filter: { marker?: string; uid?: number }): string[] {
  const lines = execFileSync('ps', ['-eo', 'uid=,args='], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => {
    const [uid] = line.trim().split(/\s+/, 1);
    if (filter.uid !== undefined && uid === String(filter.uid)) return true;
    return filter.marker !== undefined && line.includes(filter.marker) && !line.includes('ps -eo');
  });
}

/** Every file under `dir` with its content, for before/after comparison. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const result: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    result[path] = await readFile(path, 'utf8');
  }
  return result;
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'yagura-sandbox-test-'));
  // The sandbox user must reach its copy under this folder, as it does under /tmp.
  await chmod(base, 0o711);
  workdir = join(base, 'original');
  await mkdir(join(workdir, 'lib'), { recursive: true });
  await writeFile(join(workdir, 'input.json'), JSON.stringify({ name: 'witness' }));
  await writeFile(join(workdir, 'lib', 'helper.txt'), 'helper');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('runInSandbox: a witness can work', () => {
  it('runs a node script that reads its input and writes an output that is collected', async () => {
    const before = await snapshot(workdir);
    const ok = await node(
      `const fs = require('fs');
       const input = JSON.parse(fs.readFileSync('input.json', 'utf8'));
       fs.writeFileSync('lib/result.txt', 'hello ' + input.name + ' from ' + process.cwd());
       console.log('done');`,
      { collect: ['lib/result.txt', 'missing.txt', '../etc/passwd'] },
    );

    expect(ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    expect(ok.signal).toBeNull();
    expect(ok.stdout).toBe('done\n');
    expect(ok.files?.map((file) => [file.path, file.content.toString('utf8')])).toEqual([
      ['lib/result.txt', 'hello witness from /work'],
    ]);
    expect(await snapshot(workdir)).toEqual(before);
    expect(ok.settings).toMatchObject({ isolated: true, sandbox: 'bubblewrap', network: 'none' });
    expect(ok.settings.mounts).toContain('rw:/work');
  });

  it('mounts readOnlySubdirs read-only in place instead of copying them', async () => {
    const dir = join(base, `ro-${randomBytes(4).toString('hex')}`);
    await mkdir(join(dir, 'deps'), { recursive: true });
    await writeFile(join(dir, 'deps', 'lib.txt'), 'library');
    await chmod(dir, 0o755);
    const result = await node(
      "const fs = require('fs'); let w = 'written'; try { fs.writeFileSync('/work/deps/lib.txt', 'changed'); } catch (e) { w = e.code; } " +
        "console.log(fs.readFileSync('/work/deps/lib.txt', 'utf8') + ' ' + w)",
      { workdir: dir, readOnlySubdirs: ['deps', 'absent'] },
    );
    expect(result.stdout.trim()).toBe('library EROFS');
    expect(result.settings.mounts).toContain('ro:/work/deps');
    expect(await readFile(join(dir, 'deps', 'lib.txt'), 'utf8')).toBe('library');
    await expect(node('1', { workdir: dir, readOnlySubdirs: ['../etc'] })).rejects.toBeInstanceOf(UsageError);
  });

  it('passes stdin to the command', async () => {
    const result = await runInSandbox(spec({ command: 'cat', args: [], stdin: 'payload\n' }));
    expect(result.stdout).toBe('payload\n');
    expect(result.exitCode).toBe(0);
  });

  it('lets a loopback-mode script listen and connect to itself on 127.0.0.1', async () => {
    const result = await node(
      `const net = require('net');
       const server = net.createServer((socket) => socket.end('pong'));
       server.listen(0, '127.0.0.1', () => {
         net.connect(server.address().port, '127.0.0.1').on('data', (data) => {
           console.log(String(data));
           server.close();
         });
       });`,
      { network: 'loopback' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('pong\n');
  });

  it('refuses even loopback sockets when network is none', async () => {
    const result = await node(
      `require('net').createServer().on('error', (error) => console.log('ERR ' + error.code)).listen(0, '127.0.0.1');`,
      { network: 'none' },
    );
    expect(result.stdout).toBe('ERR EACCES\n');
    expect(result.settings.seccomp).toContain('eacces:socket(AF_INET)');
  });

  it('reports the exit code of a failing command', async () => {
    const result = await runInSandbox(spec({ command: 'sh', args: ['-c', 'exit 3'] }));
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false });
    expect(result.killedFor).toBeUndefined();
  });
});

describe('runInSandbox: escapes are impossible', () => {
  let server: Server;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.end('secret from the host');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  });

  it.each([
    ['none', 'EACCES'],
    ['loopback', 'ECONNREFUSED'],
  ] as const)('cannot reach a TCP listener on the host 127.0.0.1 (network %s: %s)', async (network, code) => {
    const { port } = server.address() as AddressInfo;
    const result = await node(
      `require('net').connect(${port}, '127.0.0.1')
         .on('data', (data) => console.log('GOT ' + data))
         .on('error', (error) => console.log('ERR ' + error.code));`,
      { network },
    );
    expect(result.stdout).toBe(`ERR ${code}\n`);
    expect(connections).toBe(0);
  });

  it('leaves the original workdir unchanged and keeps /tmp writes inside', async () => {
    const before = await snapshot(workdir);
    const marker = `yagura-canary-${randomBytes(6).toString('hex')}`;
    const result = await node(
      `const fs = require('fs');
       fs.writeFileSync('input.json', 'overwritten');
       fs.writeFileSync('new-file.txt', 'new');
       fs.rmSync('lib', { recursive: true });
       fs.writeFileSync('/tmp/${marker}', 'escaped');
       for (const target of [${JSON.stringify(join(workdir, 'input.json'))}, '/usr/${marker}', '/${marker}', '/etc/${marker}']) {
         try { fs.writeFileSync(target, 'escaped'); console.log('WROTE ' + target); }
         catch (error) { console.log('DENIED ' + error.code); }
       }`,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('WROTE');
    expect(result.stdout.match(/DENIED/g)).toHaveLength(4);
    expect(await snapshot(workdir)).toEqual(before);
    await expect(readFile(join(tmpdir(), marker))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join('/tmp', marker))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join('/', marker))).rejects.toThrow(/ENOENT/);
  });

  it('cannot read an ~/.ssh/id_rsa canary of the host, directly or through a planted symlink', async () => {
    const canary = `CANARY-${randomBytes(8).toString('hex')}`;
    const home = join(base, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    const key = join(home, '.ssh', 'id_rsa');
    await writeFile(key, `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary}\n`, { mode: 0o600 });
    await symlink(key, join(workdir, 'planted-link'));
    try {
      const result = await node(
        `const fs = require('fs');
         for (const path of [${JSON.stringify(key)}, 'planted-link', '/root/.ssh/id_rsa', require('os').homedir() + '/.ssh/id_rsa']) {
           try { console.log(fs.readFileSync(path, 'utf8')); } catch (error) { console.log('DENIED ' + error.code); }
         }
         // A witness may try to make the host read a secret back for it.
         fs.symlinkSync(${JSON.stringify(key)}, 'leak.txt');`,
        { collect: ['leak.txt', 'planted-link'] },
      );
      expect(result.stdout).not.toContain(canary);
      expect(result.stdout.match(/DENIED/g)).toHaveLength(4);
      expect(result.files).toEqual([]);
    } finally {
      await rm(join(workdir, 'planted-link'));
    }
  });

  it('does not pass the parent environment (secrets) into the sandbox', async () => {
    const canary = `sk-${randomBytes(8).toString('hex')}`;
    process.env.YAGURA_TEST_SECRET_TOKEN = canary;
    try {
      const result = await node('console.log(JSON.stringify(process.env))', { env: { WITNESS_MODE: 'proof' } });
      expect(result.stdout).not.toContain(canary);
      const env = JSON.parse(result.stdout) as Record<string, string>;
      expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'PATH', 'PWD', 'WITNESS_MODE']);
      expect(env).toMatchObject({ HOME: '/tmp/home', WITNESS_MODE: 'proof', PWD: '/work' });
      expect(result.settings.envNames).toEqual(['HOME', 'LANG', 'PATH', 'WITNESS_MODE']);
    } finally {
      delete process.env.YAGURA_TEST_SECRET_TOKEN;
    }
  });

  it('runs as an unprivileged uid without capabilities', async () => {
    const result = await runInSandbox(
      spec({ command: 'sh', args: ['-c', 'id -u; grep -E "^Cap(Eff|Prm)" /proc/self/status; ls /root /home 2>&1'] }),
    );
    const [uid, ...rest] = result.stdout.trim().split('\n');
    expect(Number(uid)).not.toBe(0);
    expect(rest.filter((line) => line.startsWith('Cap'))).toEqual(['CapPrm:\t0000000000000000', 'CapEff:\t0000000000000000']);
    expect(result.stdout).toMatch(/ls: cannot access '\/root'/);
  });
});

describe('runInSandbox: limits', () => {
  it('contains a fork bomb: bounded, killed, nothing survives and the host can still spawn', async () => {
    const result = await runInSandbox(
      spec({ command: 'sh', args: ['-c', 'bomb() { bomb | bomb & }; bomb; sleep 30'], maxProcesses: 32, timeoutMs: 2_000 }),
    );
    // Either the timeout kills it or sh dies at a refused fork first (which one wins is a race); both are contained.
    expect(result.timedOut || result.exitCode !== 0).toBe(true);
    expect(result.durationMs).toBeLessThan(6_000);
    expect(survivors({ uid: result.settings.uid ?? -1 })).toEqual([]);
    expect(execFileSync('echo', ['host fine'], { encoding: 'utf8' })).toBe('host fine\n');
  });

  it('bounds the number of processes at maxProcesses', async () => {
    const result = await runInSandbox(
      spec({
        command: 'sh',
        // The subshell dies at the first refused fork; counting with a glob needs no fork.
        args: ['-c', '(for i in $(seq 1 40); do sleep 2 & done) 2>/dev/null; set -- /proc/[0-9]*; echo $#'],
        maxProcesses: 12,
      }),
    );
    const running = Number(result.stdout.trim());
    expect(running).toBeGreaterThan(5);
    expect(running).toBeLessThanOrEqual(12);
    expect(result.settings.processLimit).toBe('rlimit-nproc-dedicated-uid');
  });

  it('kills an endless loop at the timeout and leaves no process behind', async () => {
    const marker = `yagura-loop-${randomBytes(4).toString('hex')}`;
    const result = await node(`/* ${marker} */ for (;;) {}`, { timeoutMs: 1_000, cpuSeconds: 30 });
    expect(result).toMatchObject({ timedOut: true, killedFor: 'timeout', exitCode: null, signal: 'SIGKILL' });
    expect(result.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(result.durationMs).toBeLessThan(3_000);
    expect(survivors({ marker })).toEqual([]);
  });

  it('stops a CPU hog at its CPU-seconds limit', async () => {
    const result = await node('for (;;) {}', { cpuSeconds: 1, timeoutMs: 15_000 });
    expect(result.killedFor).toBe('cpu');
    expect(result.signal).toBe('SIGXCPU');
    expect(result.timedOut).toBe(false);
  });

  it('kills a memory hog at its memory limit', async () => {
    const result = await node('const keep = []; for (;;) keep.push(Buffer.alloc(1 << 20).fill(1));', {
      memoryMb: 96,
      timeoutMs: 10_000,
    });
    expect(result.killedFor).toBe('memory');
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).not.toBe(0);
  });

  it('truncates an output flood at maxOutputBytes and ends the run', async () => {
    const result = await node("for (;;) process.stdout.write('x'.repeat(65536));", {
      maxOutputBytes: 10_000,
      timeoutMs: 10_000,
    });
    expect(result.truncated).toBe(true);
    expect(result.killedFor).toBe('output');
    expect(result.stdout).toBe('x'.repeat(10_000));
    expect(result.timedOut).toBe(false);
  });

  it('kills a process that double-forks into the background when the run ends', async () => {
    const marker = `${30 + Math.floor(Math.random() * 1000)}.${randomBytes(3).readUIntBE(0, 3)}`;
    const result = await runInSandbox(
      spec({
        command: 'sh',
        args: ['-c', `setsid sh -c 'sleep ${marker} &' </dev/null >/dev/null 2>&1; (sleep ${marker} &); echo started`],
      }),
    );
    expect(result.stdout).toBe('started\n');
    expect(result.exitCode).toBe(0);
    expect(survivors({ marker: `sleep ${marker}` })).toEqual([]);
  });
});

describe('runInSandbox: without bubblewrap', () => {
  const missing = { bwrap: '/nonexistent/bwrap' };

  it('refuses to run with SandboxUnavailableError when bwrap is missing', async () => {
    const run = runInSandbox(spec({ command: 'true', args: [], tools: missing }));
    await expect(run).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(run).rejects.toMatchObject({ code: 'SANDBOX_UNAVAILABLE' });
  });

  it('runs unisolated with the same limits only when unsafeNoSandbox is passed', async () => {
    const result = await node("process.stdout.write(process.cwd() + ' ' + Object.keys(process.env).sort().join(','));", {
      tools: missing,
      unsafeNoSandbox: true,
    });
    expect(result.settings).toMatchObject({ isolated: false, sandbox: 'none', namespaces: [] });
    expect(result.stdout).toMatch(/\/yagura-sandbox-[^/]+\/work HOME,LANG,PATH$/);
    const flood = await node("for (;;) process.stdout.write('y'.repeat(65536));", {
      tools: missing,
      unsafeNoSandbox: true,
      maxOutputBytes: 1_000,
    });
    expect(flood).toMatchObject({ truncated: true, killedFor: 'output' });
  });

  it('rejects a spec without positive integer limits', async () => {
    await expect(runInSandbox(spec({ command: 'true', args: [], timeoutMs: 0 }))).rejects.toBeInstanceOf(UsageError);
    await expect(runInSandbox(spec({ command: 'true', args: [], memoryMb: 1.5 }))).rejects.toBeInstanceOf(UsageError);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { CliIO, OutputStream } from '../io.js';
import { runCli } from '../run-cli.js';

/** A captured stream. */
export class CapturedStream implements OutputStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 120,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Result of one in-process CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch workspace: a temporary folder with its own `YAGURA_HOME`, and a CLI runner over it. */
export class CliWorkspace {
  private constructor(readonly dir: string) {}

  static async create(): Promise<CliWorkspace> {
    return new CliWorkspace(await mkdtemp(join(tmpdir(), 'yagura-cli-')));
  }

  /** Write an inline file tree under the workspace. */
  async write(files: Readonly<Record<string, string>>): Promise<void> {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(this.dir, path)), { recursive: true });
      await writeFile(join(this.dir, path), text);
    }
  }

  /** Run `yagura ...args` in the workspace (see {@link runCliIn}). */
  async run(args: readonly string[], options: { tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
    return runCliIn(this.dir, args, options);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Run `yagura ...args` in process with `dir` as working directory, `HOME` and `YAGURA_HOME`, a fixed
 * clock so output is stable, and the node binary passed down as the entry point does.
 */
export async function runCliIn(
  dir: string,
  args: readonly string[],
  options: { tty?: boolean; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const stdout = new CapturedStream(options.tty ?? false);
  const stderr = new CapturedStream(options.tty ?? false);
  const io: CliIO = {
    stdout,
    stderr,
    cwd: dir,
    env: { HOME: dir, YAGURA_HOME: join(dir, '.yagura'), ...options.env },
    clock: () => 0,
    now: () => new Date('2026-11-22T00:00:00.000Z'),
    execPath: process.execPath,
  };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

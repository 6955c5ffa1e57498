import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Run `source`, an ES module in TypeScript, in a fresh Node process (through tsx, from the repository root) and
 * return what it printed. For tests of what a program with nothing else to do sees: a process ends when nothing holds
 * its event loop, so a test in the test runner's process (which is kept alive) cannot show it.
 */
export async function runModuleScript(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yagura-script-'));
  try {
    const script = join(dir, 'script.mts');
    await writeFile(script, source);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd() });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

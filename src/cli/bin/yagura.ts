import { runCli } from '../run-cli.js';

/** Entry point: the only place that reads `process`. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), execPath: process.execPath });
}

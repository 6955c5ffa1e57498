// `npx tsx bench/triage/run.ts [--regenerate]`: the triage suite alone, writing bench/results/triage.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { runTriageBench } from './suite.js';

const RESULTS = fileURLToPath(new URL('../results/triage.json', import.meta.url));

async function main(): Promise<void> {
  const output = await runTriageBench({
    adminUrl: process.env.YAGURA_BENCH_DATABASE_URL ?? process.env.YAGURA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    regenerate: process.argv.includes('--regenerate'),
    log: (line) => {
      console.error(line);
    },
  });
  await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(output.results, null, 2)}\n`);
  console.log(output.summary);
  console.log(`results: ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

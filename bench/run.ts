// Entry point of `npm run bench [-- <suite>...]`: runs the suites, prints their tables, writes bench/results/<suite>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { selectSuites, SUITES } from './suites.js';

// YAGURA_BENCH_RESULTS_DIR sends a partial or experimental run somewhere other than the committed record.
const RESULTS_DIR = process.env.YAGURA_BENCH_RESULTS_DIR
  ? `${process.env.YAGURA_BENCH_RESULTS_DIR.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('./results/', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  const { suites, unknown } = selectSuites(argv.filter((a) => !a.startsWith('-')));
  if (unknown.length > 0) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  for (const suite of suites) {
    console.log(`== ${suite.name}: ${suite.description}`);
    const output = await suite.run({ env: process.env, log: (line) => { console.error(line); } });
    const file = `${RESULTS_DIR}${suite.name}.json`;
    await writeFile(file, `${JSON.stringify(output.results, null, 2)}\n`);
    console.log(output.summary);
    console.log(`results: ${file}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

// Standalone entry point (also registered as the `deps` suite of `npm run bench`): `npx tsx bench/deps/run-deps.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { runDepsBench } from './suite.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

runDepsBench({ dir, log: (line) => { console.error(line); } }).then(
  async (output) => {
    await mkdir(resultsDir, { recursive: true });
    await writeFile(`${resultsDir}deps.json`, `${JSON.stringify(output.results, null, 2)}\n`);
    console.log(output.summary);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

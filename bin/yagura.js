#!/usr/bin/env -S node --max-semi-space-size=64
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script). Run as a command, the engine's
// thread gets the young generation of Yagura's analysis threads (ANALYSIS_THREAD_LIMITS in src/scan/analysis-workers.ts).
import { main } from '../dist/cli/bin/yagura.js';

process.exitCode = await main(process.argv.slice(2));

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Yagura's version, read once from package.json (one level above src/ or dist/). */
export const YAGURA_VERSION: string = (require('../../package.json') as { version: string }).version;

/** Tool identity recorded with scans and outputs. */
export const TOOL_NAME = 'yagura';

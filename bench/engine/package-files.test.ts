import { describe, expect, it } from 'vitest';

import { countLines, isBenchCodeFile, isBenchManifestFile, MAX_FILE_BYTES } from './package-files.js';

describe('isBenchCodeFile', () => {
  it('keeps .js, .cjs, .mjs and .ts package code', () => {
    for (const path of ['index.js', 'lib/a.cjs', 'esm/b.mjs', 'src/c.ts']) expect(isBenchCodeFile(path, 10), path).toBe(true);
  });

  it('skips declarations, minified bundles, other extensions and files over 1 MB', () => {
    for (const path of ['index.d.ts', 'dist/x.min.js', 'README.md', 'data.json']) expect(isBenchCodeFile(path, 10), path).toBe(false);
    expect(isBenchCodeFile('big.js', MAX_FILE_BYTES + 1)).toBe(false);
  });

  it('skips node_modules, tests and examples at any depth', () => {
    for (const path of ['node_modules/x/index.js', 'test/a.js', 'lib/tests/b.js', 'src/__tests__/c.ts', 'example/d.js', 'examples/e.js']) {
      expect(isBenchCodeFile(path, 10), path).toBe(false);
    }
    expect(isBenchCodeFile('lib/testing.js', 10)).toBe(true);
  });
});

describe('isBenchManifestFile', () => {
  it('keeps package.json outside skipped folders', () => {
    expect(isBenchManifestFile('package.json')).toBe(true);
    expect(isBenchManifestFile('merge/package.json')).toBe(true);
    expect(isBenchManifestFile('node_modules/x/package.json')).toBe(false);
  });
});

describe('countLines', () => {
  it('counts lines with or without a final newline', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
  });
});

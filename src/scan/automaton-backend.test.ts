import { access, constants } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { createAutomatonBackend, resolveRecheckBinary } from './automaton-backend.js';
import { RegexAutomatonAgent } from './regex-automaton-agent.js';

describe('resolveRecheckBinary', () => {
  it("finds the executable of this platform's recheck package", async () => {
    const path = resolveRecheckBinary();
    expect(path).toMatch(/recheck-[a-z]+-[a-z0-9]+[/\\]recheck(\.exe)?$/);
    await access(path ?? '', constants.X_OK);
  });

  it('has none for a platform recheck does not ship a binary for', () => {
    expect(resolveRecheckBinary('aix', 'ppc64')).toBeUndefined();
  });
});

describe('createAutomatonBackend', () => {
  it('prefers the native agent when the binary is installed', async () => {
    const backend = createAutomatonBackend();
    try {
      expect(backend).toBeInstanceOf(RegexAutomatonAgent);
      expect(await backend.check('^(a+)+$', '', { checker: 'automaton', timeout: 1_000 })).toMatchObject({ status: 'vulnerable', checker: 'automaton' });
    } finally {
      await backend.close();
    }
  });
});

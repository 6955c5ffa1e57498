import { describe, expect, it } from 'vitest';

import { checkSandbox } from '../index.js';
import { parseBwrapVersion, pickSandboxUid } from './host.js';

describe('checkSandbox', () => {
  it('reports bubblewrap available with its version on this host', async () => {
    const check = await checkSandbox();
    expect(check).toMatchObject({ available: true });
    expect(check.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports a reason when bwrap is missing', async () => {
    const check = await checkSandbox({ bwrap: '/nonexistent/bwrap' });
    expect(check).toEqual({ available: false, reason: 'bwrap (bubblewrap) is not installed' });
  });
});

describe('host helpers', () => {
  it('parses the bwrap version', () => {
    expect(parseBwrapVersion('bubblewrap 0.8.0')).toEqual([0, 8, 0]);
    expect(parseBwrapVersion('unknown')).toBeUndefined();
  });

  it('draws sandbox uids far from login and container subordinate uids', () => {
    const uid = pickSandboxUid();
    expect(uid).toBeGreaterThanOrEqual(1_900_000_000);
    expect(uid).toBeLessThan(2_000_000_000);
  });
});

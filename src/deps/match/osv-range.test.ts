import { describe, expect, it } from 'vitest';

import type { AffectedPackage, AffectedRange } from '../advisory/advisory-record.js';
import { isAffected, isInRange, lowestFixedVersion, satisfiesRange } from './osv-range.js';

const range = (...events: AffectedRange['events']): AffectedRange => ({ type: 'ECOSYSTEM', events });
const pkg = (ranges: AffectedRange[], versions: string[] = []): AffectedPackage => ({ ecosystem: 'npm', name: 'p', ranges, versions, functions: [] });

describe('isInRange (OSV evaluation)', () => {
  it('treats introduced "0" as the lowest version and fixed as exclusive', () => {
    const r = range({ introduced: '0' }, { fixed: '4.17.21' });
    expect(['0.0.1', '4.17.20', '4.17.21', '4.18.0'].map((v) => isInRange(v, r))).toEqual([true, true, false, false]);
  });

  it('treats last_affected as inclusive', () => {
    const r = range({ introduced: '1.0.0' }, { last_affected: '1.2.5' });
    expect(['0.9.0', '1.0.0', '1.2.5', '1.2.6'].map((v) => isInRange(v, r))).toEqual([false, true, true, false]);
  });

  it('evaluates several intervals in one range, even when events are not sorted', () => {
    const r = range({ introduced: '3.0.0' }, { fixed: '2.0.0' }, { fixed: '4.0.0' }, { introduced: '1.0.0' });
    expect(['0.5.0', '1.5.0', '2.5.0', '3.5.0', '4.0.0'].map((v) => isInRange(v, r))).toEqual([false, true, false, true, false]);
  });

  it('orders prereleases below their release', () => {
    const r = range({ introduced: '0' }, { fixed: '2.0.0' });
    expect(isInRange('2.0.0-rc.1', r)).toBe(true);
  });

  it('reads partial versions such as "1.0" as 1.0.0', () => {
    const r = range({ introduced: '1.0' }, { fixed: '3.1.1' });
    expect(['0.9.0', '1.0.0', '2.6.7', '3.1.1'].map((v) => isInRange(v, r))).toEqual([false, true, true, false]);
  });

  it('ignores GIT ranges and versions semver cannot read', () => {
    expect(isInRange('1.0.0', { type: 'GIT', events: [{ introduced: '0' }] })).toBe(false);
    expect(isInRange('github:user/repo', range({ introduced: '0' }))).toBe(false);
  });
});

describe('isAffected', () => {
  it('matches explicitly listed versions', () => {
    expect(isAffected('1.2.3', pkg([], ['1.2.3']))).toBe(true);
    expect(isAffected('1.2.4', pkg([], ['1.2.3']))).toBe(false);
  });
});

describe('lowestFixedVersion', () => {
  const minimist = [pkg([range({ introduced: '0' }, { fixed: '0.2.1' })]), pkg([range({ introduced: '1.0.0' }, { fixed: '1.2.3' })])];

  it('picks the lowest fixed version above the installed one on the same line', () => {
    expect(lowestFixedVersion('0.0.8', minimist)).toBe('0.2.1');
    expect(lowestFixedVersion('1.2.0', minimist)).toBe('1.2.3');
  });

  it('skips a fixed version that another range of the advisory still affects', () => {
    const entries = [pkg([range({ introduced: '0' }, { fixed: '1.0.1' }, { introduced: '1.0.1' }, { fixed: '1.1.0' })])];
    expect(lowestFixedVersion('1.0.0', entries)).toBe('1.1.0');
  });

  it('returns undefined when the advisory names no fix', () => {
    expect(lowestFixedVersion('1.0.0', [pkg([range({ introduced: '0' }, { last_affected: '1.5.0' })])])).toBeUndefined();
  });
});

describe('satisfiesRange', () => {
  it('reads caret, exact, alias and unreadable ranges', () => {
    expect(satisfiesRange('4.17.21', '^4.17.15')).toBe(true);
    expect(satisfiesRange('1.2.3', '1.2.0')).toBe(false);
    expect(satisfiesRange('4.17.21', 'npm:lodash@^4.17.0')).toBe(true);
    expect(satisfiesRange('1.0.0', 'github:user/repo')).toBe(false);
  });
});

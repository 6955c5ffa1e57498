import { describe, expect, it } from 'vitest';

import { UsageError } from '../core/index.js';
import { DEFAULT_ASSET, isPubliclyExposed, missionImpact, parseAssetAttributes, resolveAsset } from './asset.js';

describe('resolveAsset', () => {
  it('fills every unset attribute with its explicit default and says which ones', () => {
    const { profile, defaulted } = resolveAsset({ owner: 'team-pay', exposure: 'internet' });
    expect(profile).toEqual({ ...DEFAULT_ASSET, owner: 'team-pay', exposure: 'internet' });
    expect(defaulted).toEqual(['businessService', 'criticality', 'dataClassification', 'wellBeingImpact']);
  });

  it('treats unknown stored values as unset', () => {
    expect(resolveAsset({ criticality: 'enormous' as 'high' }).profile.criticality).toBe('medium');
  });
});

describe('missionImpact', () => {
  it('makes mission-essential assets (high, critical) and irreversible harm high', () => {
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'critical' })).toBe('high');
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'high' })).toBe('high');
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'low', wellBeingImpact: 'irreversible' })).toBe('high');
  });

  it('makes supporting assets or material harm medium, and the rest low', () => {
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'medium' })).toBe('medium');
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'low', wellBeingImpact: 'material' })).toBe('medium');
    expect(missionImpact({ ...DEFAULT_ASSET, criticality: 'low' })).toBe('low');
  });
});

describe('parseAssetAttributes', () => {
  it('keeps valid attributes and names an invalid one', () => {
    expect(parseAssetAttributes({ criticality: 'critical', exposure: 'internet', owner: 'team-pay' })).toEqual({
      criticality: 'critical',
      exposure: 'internet',
      owner: 'team-pay',
    });
    expect(() => parseAssetAttributes({ exposure: 'public' })).toThrow(UsageError);
    expect(() => parseAssetAttributes({ exposure: 'public' })).toThrow('exposure must be one of internet, partner, internal, isolated, not "public"');
  });

  it('counts only internet-facing assets as publicly exposed (BOD 26-04)', () => {
    expect(isPubliclyExposed({ ...DEFAULT_ASSET, exposure: 'internet' })).toBe(true);
    expect(isPubliclyExposed({ ...DEFAULT_ASSET, exposure: 'partner' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';

import { selectSuites, SUITES } from './suites.js';

describe('selectSuites', () => {
  it('runs every suite when none is named', () => {
    expect(selectSuites([]).suites.map((s) => s.name)).toEqual(SUITES.map((s) => s.name));
  });

  it('selects a named suite and reports unknown names', () => {
    expect(selectSuites(['engine']).suites.map((s) => s.name)).toEqual(['engine']);
    expect(selectSuites(['engine', 'nope']).unknown).toEqual(['nope']);
  });
});

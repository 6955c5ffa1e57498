import type { Finding } from '../../core/index.js';
import type { FindingRecord } from '../../store/index.js';

/** A Yagura finding of a SQL injection at `src/db.js:10`, with `key` in its fingerprint and source. */
export function sqlFinding(key: string, overrides: Partial<Finding> = {}): Finding {
  return {
    fingerprint: `fp-${key}`,
    ruleId: 'sql-injection',
    cwe: ['CWE-89'],
    severity: 'high',
    confidence: 'high',
    message: `Query text built from req.query.${key} reaches pool.query().`,
    explanation: 'An attacker can change the meaning of the query.',
    fix: 'Pass the value as a query parameter.',
    location: { file: 'src/db.js', startLine: 10, startColumn: 10, endLine: 10, endColumn: 26, snippet: 'return pool.query(sql);' },
    flow: [
      {
        kind: 'source',
        location: { file: 'src/app.js', startLine: 4, startColumn: 14, endLine: 4, endColumn: 26 },
        message: `req.query.${key} is read`,
      },
      { kind: 'sink', location: { file: 'src/db.js', startLine: 10, startColumn: 10, endLine: 10, endColumn: 26 }, message: 'passed to pool.query()' },
    ],
    origin: 'static',
    properties: { sink: 'pool.query' },
    ...overrides,
  };
}

/** A stored record of a finding, as `listFindings` returns it. */
export function storedFinding(key: string, overrides: Partial<FindingRecord> = {}, finding: Partial<Finding> = {}): FindingRecord {
  return {
    ...sqlFinding(key, finding),
    id: `00000000-0000-4000-8000-${key.padStart(12, '0').slice(-12)}`,
    projectId: '00000000-0000-4000-8000-000000000001',
    state: 'open',
    presence: 'present',
    tool: 'yagura',
    firstSeenScanId: '00000000-0000-4000-8000-0000000000aa',
    lastSeenScanId: '00000000-0000-4000-8000-0000000000aa',
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

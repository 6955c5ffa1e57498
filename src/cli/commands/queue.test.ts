import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CliWorkspace } from '../test-support/cli-harness.js';

const CODEQL = readFileSync(new URL('../../triage/sarif/fixtures/codeql.sarif', import.meta.url), 'utf8');

const APP = {
  'yagura.config.yaml': 'project:\n  name: payments\nasset:\n  owner: team-pay\n  criticality: critical\n  exposure: internet\n',
  'package.json': JSON.stringify({ name: 'payments', version: '1.0.0', dependencies: { express: '^4.19.0' } }),
  'src/server.js': [
    "const express = require('express');",
    "const { exec } = require('child_process');",
    'const app = express();',
    "app.get('/ping', (req, res) => {",
    "  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(String(out)));",
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
  'codeql.sarif': CODEQL,
};

interface QueueJson {
  items: { id: string; rootKey: string; decision: string; tools: string[]; findingCount: number; dueAt?: string; state: string }[];
}

let ws: CliWorkspace;
beforeEach(async () => {
  ws = await CliWorkspace.create();
  await ws.write(APP);
});
afterEach(async () => {
  await ws.dispose();
});

/** Replace work item ids (random) so the output can be compared. */
const stable = (text: string): string => text.replace(/\b[0-9a-f]{8}\b/g, '<id>');

describe('yagura import sarif, queue, asset, finding transition, metrics', () => {
  it('merges a CodeQL result at the sink Yagura found into one Attend item of the internet-facing asset', async () => {
    expect((await ws.run(['scan', '.', '--quiet', '--fail-on', 'none'])).code).toBe(0);
    const imported = await ws.run(['import', 'sarif', 'codeql.sarif']);
    expect(imported).toEqual({
      code: 0,
      stdout: 'Imported 2 codeql result(s) into payments: 2 new, 0 no longer reported.\n2 work item(s) in payments.\n',
      stderr: '',
    });

    const table = await ws.run(['queue']);
    expect(table.code).toBe(0);
    expect(stable(table.stdout)).toMatchInlineSnapshot(`
      "ID        DECISION  DUE         STATE  ASSET     CVSS  PATHS  TOOLS          LOCATION         TITLE
      <id>  attend    2026-12-06  open   payments  8.1   2      codeql+yagura  src/server.js:5  Command built from req.query reaches child_process.exec().
      <id>  attend    2026-12-06  open   payments  8.0   1      codeql         src/db.js:10     This query string depends on a user-provided value.
      2 item(s), page 1
      "
    `);

    const json = JSON.parse((await ws.run(['queue', '--format', 'json', '--decision', 'attend', 'act'])).stdout) as QueueJson;
    const merged = json.items.find((i) => i.rootKey === 'sink|src/server.js|5|CWE-78');
    expect(merged).toMatchObject({ tools: ['codeql', 'yagura'], findingCount: 2, state: 'open' });
    const csv = (await ws.run(['queue', '--format', 'csv', '--limit', '1'])).stdout.split('\r\n');
    expect(csv[0]).toBe('id,decision,due,overdue,state,asset,cvss,vector,paths,tools,cwe,location,title');
    expect(csv).toHaveLength(3);
  });

  it('shows asset attributes with their defaults and re-prioritises when they change', async () => {
    await ws.run(['scan', '.', '--quiet', '--fail-on', 'none']);
    await ws.run(['import', 'sarif', 'codeql.sarif']);
    expect((await ws.run(['asset', 'show', 'payments'])).stdout).toMatchInlineSnapshot(`
      "Asset payments
        owner:              team-pay
        businessService:    unassigned  (default)
        criticality:        critical
        exposure:           internet
        dataClassification: internal  (default)
        wellBeingImpact:    minimal  (default)
      "
    `);
    const set = await ws.run(['asset', 'set', 'payments', '--exposure', 'isolated', '--criticality', 'low']);
    expect(set.stdout).toBe('Updated asset payments; 2 work item(s) prioritised again.\n');
    const json = JSON.parse((await ws.run(['queue', '--format', 'json'])).stdout) as QueueJson;
    expect(json.items.map((i) => i.decision)).toEqual(['track', 'track']);
    const bad = await ws.run(['asset', 'set', 'payments', '--exposure', 'public']);
    expect(bad).toMatchObject({ code: 2, stderr: 'yagura: USAGE: exposure must be one of internet, partner, internal, isolated, not "public"\n' });
  });

  it('accepts a risk with approver and expiry, hides it from the queue, and counts it in metrics', async () => {
    await ws.run(['scan', '.', '--quiet', '--fail-on', 'none']);
    await ws.run(['import', 'sarif', 'codeql.sarif']);
    const [first] = (JSON.parse((await ws.run(['queue', '--format', 'json'])).stdout) as QueueJson).items;
    const missing = await ws.run(['finding', 'transition', first?.id.slice(0, 8) ?? '', 'risk-accepted', '--reason', 'WAF']);
    expect(missing).toMatchObject({ code: 2, stderr: 'yagura: USAGE: A risk acceptance needs an approver (--approver)\n' });
    const accepted = await ws.run([
      'finding', 'transition', first?.id.slice(0, 8) ?? '', 'risk-accepted',
      '--reason', 'WAF rule blocks it', '--approver', 'ciso', '--expires', '2027-01-31', '--actor', 'alice',
    ]);
    expect(stable(accepted.stdout)).toBe('2 finding(s) moved to risk-accepted. Work item <id> is now risk-accepted (attend).\n');
    const left = (JSON.parse((await ws.run(['queue', '--format', 'json'])).stdout) as QueueJson).items;
    expect(left.map((i) => i.id)).not.toContain(first?.id);
    expect((await ws.run(['metrics'])).stdout).toMatchInlineSnapshot(`
      "OPEN  ACT  ATTEND  TRACK*  TRACK  OVERDUE  FIXED  MEAN TIME TO REMEDIATE
      1     0    1       0       0      0        0      n/a
      "
    `);
  });
});

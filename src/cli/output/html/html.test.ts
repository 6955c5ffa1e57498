import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { RuleMeta, Severity } from '../../../core/index.js';
import type { ReportFinding, ReportInput } from '../report-input.js';
import {
  createFlowFinding,
  createImportedFinding,
  createRichReportInput,
  createSecretFinding,
} from '../test-support/report-fixture.js';
import { REPORT_SCRIPT } from './html-assets.js';
import { renderHtml } from './html.js';

/** Tags and attributes the renderer itself writes; anything else in the output came from the data. */
const OUR_TAGS = new Set([
  '!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'div', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'section', 'ul', 'ol', 'li', 'strong', 'a', 'span', 'label', 'input', 'button', 'article',
  'details', 'summary', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'p', 'b', 'script',
]);
const OUR_ATTRIBUTES = new Set([
  'lang', 'charset', 'name', 'content', 'http-equiv', 'class', 'id', 'href', 'rel', 'type', 'value', 'checked',
  'data-severity-filter', 'data-severity', 'data-search', 'placeholder', 'aria-label', 'role', 'open', 'title', 'html',
]);

const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)>"onerror="alert(3)' onmouseover='alert(4)`;

/** Every string field of a report, carrying the payload. */
function hostileInput(): ReportInput {
  const p = (label: string): string => `${label}${PAYLOAD}`;
  const location = { file: p('file'), startLine: 5, startColumn: 1, endLine: 5, endColumn: 4, snippet: p('snippet') };
  const finding = (severity: Severity): ReportFinding => ({
    fingerprint: p('fp'),
    ruleId: p('rule'),
    cwe: [p('CWE-')],
    severity,
    confidence: p('conf') as ReportFinding['confidence'],
    message: p('message'),
    explanation: p('explanation'),
    fix: p('fix'),
    location,
    flow: [
      { kind: p('kind') as 'source', location, message: p('step') },
      { kind: 'sink', location, message: p('sink') },
    ],
    origin: p('origin') as ReportFinding['origin'],
    properties: { [p('key')]: p('value') },
    id: p('id'),
    state: p('state') as ReportFinding['state'],
    baselineState: p('baseline') as ReportFinding['baselineState'],
    firstSeenAt: p('first'),
    lastSeenAt: p('last'),
  });
  const meta: RuleMeta = {
    description: p('description'),
    severity: p('sev') as Severity,
    cwe: [p('cwe')],
    status: p('status') as RuleMeta['status'],
    messages: {},
    explanation: p('explanation'),
    fix: p('fix'),
  };
  const hostile = finding(p('severity') as Severity);
  return {
    tool: { name: p('tool'), version: p('version'), informationUri: `javascript:alert(5)//${PAYLOAD}` },
    scan: {
      id: p('scan'),
      projectName: p('project'),
      root: p('/root'),
      startedAt: p('start'),
      finishedAt: p('end'),
      threatModel: p('tm') as 'application',
      threatModelReason: p('reason'),
      stats: { files: 1, lines: 2, functions: 3, flows: 4, parseMillis: 5, analyzeMillis: 6 },
      diagnostics: [{ code: p('CODE') as 'PARSE_FAILED', message: p('diag'), file: p('dfile'), line: 1, ruleId: p('drule') }],
    },
    findings: [hostile, finding('high')],
    absentFindings: [finding('low')],
    rules: [{ id: p('ruleid'), meta }],
    hasBaseline: true,
    excerpts: { [hostile.fingerprint]: { startLine: 4, lines: [p('line4'), p('line5')] } },
  };
}

/** Every tag in a document, with its parsed attributes; fails on markup it cannot parse. */
function tagsOf(html: string): { name: string; attributes: Map<string, string> }[] {
  const withoutScript = html.replace(/<script>[\s\S]*?<\/script>/, '<script></script>').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const tags: { name: string; attributes: Map<string, string> }[] = [];
  for (const match of withoutScript.matchAll(/<\/?([!a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const [, name = '', rest = ''] = match;
    const attributes = new Map<string, string>();
    const attr = /\s+([a-zA-Z-]+)(?:="([^"<>]*)")?/y;
    let consumed = 0;
    for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
      attributes.set(m[1] ?? '', m[2] ?? '');
      consumed = attr.lastIndex;
    }
    expect(rest.slice(consumed).trim(), `unparsed attribute text in <${name}${rest}>`).toBe('');
    tags.push({ name: name.toLowerCase(), attributes });
  }
  return tags;
}

describe('renderHtml', () => {
  it('escapes attacker-controlled text in every field: no tag, attribute or script comes from the data', () => {
    const html = renderHtml(hostileInput());
    const tags = tagsOf(html);
    expect(tags.filter((t) => !OUR_TAGS.has(t.name)).map((t) => t.name)).toEqual([]);
    const attributes = tags.flatMap((t) => [...t.attributes.keys()]);
    expect(attributes.filter((a) => !OUR_ATTRIBUTES.has(a))).toEqual([]);
    expect(attributes.some((a) => a.startsWith('on'))).toBe(false);
    expect(tags.filter((t) => t.name === 'script')).toHaveLength(2); // our opening and closing tag
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('message&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;onerror=&quot;alert(3)&#39;');
  });

  it('keeps every class name and data attribute from a fixed vocabulary, whatever the data says', () => {
    const tags = tagsOf(renderHtml(hostileInput()));
    for (const tag of tags) {
      for (const token of (tag.attributes.get('class') ?? '').split(' ')) expect(token).toMatch(/^[a-z0-9-]*$/);
      const severity = tag.attributes.get('data-severity');
      if (severity !== undefined) expect(['critical', 'high', 'medium', 'low', 'info']).toContain(severity);
    }
  });

  it('shows bidirectional override characters as visible markers instead of hiding them', () => {
    const input = { ...createRichReportInput(), findings: [createFlowFinding({ message: 'access\u202E level' })] };
    const html = renderHtml(input);
    expect(html).toContain('access<span class="ctl">U+202E</span> level');
    expect(html).not.toContain('\u202E');
  });

  it('is self-contained: no external resource, and a CSP that admits only its own script', () => {
    const html = renderHtml(createRichReportInput());
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).not.toMatch(/<link/);
    const hash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
    expect(html).toContain(`script-src &#39;sha256-${hash}&#39;`);
    expect(html).toContain("default-src &#39;none&#39;");
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
  });

  it('summarises counts by severity and the baseline comparison', () => {
    const html = renderHtml(createRichReportInput());
    expect(html).toContain('<div class="card total"><div class="n">3</div><div class="l">Findings</div></div>');
    expect(html).toContain('<div class="card sev-high zero"><div class="n">0</div><div class="l">High</div></div>');
    expect(html).toContain('<strong>1 new</strong>, <strong>1 reintroduced</strong>, 1 unchanged, 1 no longer found.');
    expect(html).toContain('<strong>3 diagnostics</strong>');
  });

  it('groups findings by severity, then orders them by confidence within a group', () => {
    const input = {
      ...createRichReportInput(),
      findings: [
        createSecretFinding({ fingerprint: 'a', message: 'medium-low', confidence: 'low' }),
        createImportedFinding({ fingerprint: 'b', message: 'critical-low', severity: 'critical', confidence: 'low' }),
        createSecretFinding({ fingerprint: 'c', message: 'medium-high', confidence: 'high' }),
        createFlowFinding({ fingerprint: 'd', message: 'critical-high' }),
      ],
    };
    const html = renderHtml(input);
    const order = [...html.matchAll(/<span class="num">#(\d)<\/span> ([a-z-]+)/g)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`);
    expect(order).toEqual(['1 critical-high', '2 critical-low', '3 medium-high', '4 medium-low']);
    const groups = [...html.matchAll(/<section class="group" id="severity-([a-z]+)">/g)].map((m) => m[1]);
    expect(groups).toEqual(['critical', 'medium']);
  });

  it('shows the code excerpt with the sink line highlighted and the source line marked', () => {
    const html = renderHtml(createRichReportInput());
    expect(html).toContain('<tr class="sink"><td class="ln">14</td><td class="src">  exec(`ping -c 1 ${host}`);</td></tr>');
    expect(html).toContain('<tr class="source"><td class="ln">11</td><td class="src">  const host = req.query.host;</td></tr>');
    expect(html).toContain('<tr><td class="ln">13</td><td class="src">  // run it</td></tr>');
  });

  it('falls back to the snippet when no excerpt was read', () => {
    const html = renderHtml({ ...createRichReportInput(), findings: [createSecretFinding()] });
    expect(html).toContain('<tr class="sink"><td class="ln">3</td><td class="src">const key = &#39;AKIA…&#39;</td></tr>');
  });

  it('numbers flow steps in order with their kind, message and location', () => {
    const html = renderHtml(createRichReportInput());
    const steps = [...html.matchAll(/<li class="kind-([a-z]+)"><span class="step-kind">[a-z]+<\/span><span class="step-msg">([^<]+)<\/span><span class="step-loc">([^<]+)<\/span>/g)]
      .map((m) => [m[1], m[2], m[3]]);
    expect(steps).toEqual([
      ['source', 'req.query.host is read', 'src/routes/ping.ts:11:16'],
      ['step', 'assigned to host', 'src/routes/ping.ts:12:9'],
      ['call', 'passed to run()', 'src/lib/run.ts:4:1'],
      ['sink', 'passed to child_process.exec()', 'src/routes/ping.ts:14:3'],
    ]);
    expect(html).toContain('<h4>Data flow, 4 steps</h4><ol class="flow">');
  });

  it('lists absent findings and diagnostics in their own sections', () => {
    const html = renderHtml(createRichReportInput());
    expect(html).toContain('<h2>No longer found <span class="count">1</span></h2>');
    expect(html).toContain('<td class="mono">src/routes/old.ts:7</td>');
    expect(html).toContain('<h2>Diagnostics <span class="count">3</span></h2>');
    expect(html).toContain('<td class="mono">src/broken.ts:3</td><td>Unexpected token</td>');
    expect(renderHtml({ ...createRichReportInput(), hasBaseline: false })).not.toContain('No longer found');
  });

  it('says so when there are no findings', () => {
    const html = renderHtml({ ...createRichReportInput(), findings: [] });
    expect(html).toContain('<p class="empty">No findings.');
    expect(html).not.toContain('class="toolbar"');
  });

  it('links the tool home page only for http(s) URIs', () => {
    expect(renderHtml(createRichReportInput())).toContain('<a href="https://example.com/yagura" rel="noreferrer">yagura</a>');
  });
});

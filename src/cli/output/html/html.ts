import type { FlowStepKind, Location, Severity } from '../../../core/index.js';
import { isSeverity, SEVERITIES } from '../../../core/index.js';
import type { ReportFinding, ReportInput, ReportProof, SourceExcerpt } from '../report-input.js';
import {
  baselineCounts,
  countBySeverity,
  DIAGNOSTIC_DESCRIPTIONS,
  elapsedMillis,
  formatCount,
  formatDuration,
  sortByPriority,
} from '../report-input.js';
import { REPORT_CSS, REPORT_SCRIPT, REPORT_SCRIPT_HASH } from './html-assets.js';
import { escapeAttribute, escapeHtml } from './html-escape.js';

const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};
const STEP_KINDS = new Set<string>(['source', 'step', 'call', 'return', 'field', 'sink']);
const BASELINE_CLASSES = new Set<string>(['new', 'reintroduced', 'unchanged', 'absent']);

/**
 * Render a scan as one self-contained HTML page: summary, findings grouped by severity then confidence,
 * code excerpts with the sink highlighted, numbered flow steps, absent findings, diagnostics and rules.
 * No network access: inline CSS, one inline script admitted by hash. Every finding field is escaped.
 *
 * @example
 * await writeFile('yagura-report.html', renderHtml(input));
 */
export function renderHtml(input: ReportInput): string {
  const findings = sortByPriority(input.findings);
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src '${REPORT_SCRIPT_HASH}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `Yagura security report: ${input.scan.projectName}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${escapeAttribute(`${input.tool.name} ${input.tool.version}`)}">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderMasthead(input)}
<main class="page">
${renderSummarySection(input)}
${renderToolbar(findings)}
${renderFindings(findings, input)}
${renderAbsent(input)}
${renderDiagnostics(input)}
${renderRules(input)}
${renderFooter(input)}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function renderMasthead(input: ReportInput): string {
  const { scan } = input;
  const reason = scan.threatModelReason ? ` (${escapeHtml(scan.threatModelReason)})` : '';
  const facts: [string, string][] = [
    ['Scanned root', `<span class="loc">${escapeHtml(scan.root)}</span>`],
    ['Started', escapeHtml(formatTimestamp(scan.startedAt))],
    ['Duration', escapeHtml(formatDuration(elapsedMillis(input)))],
    ['Threat model', `${escapeHtml(scan.threatModel)}${reason}`],
    ['Tool', escapeHtml(`${input.tool.name} ${input.tool.version}`)],
  ];
  if (scan.id !== undefined) facts.push(['Scan', `<span class="loc">${escapeHtml(scan.id)}</span>`]);
  return `<header class="masthead"><div class="page">
<div class="brand">Yagura security report</div>
<h1>${escapeHtml(scan.projectName)}</h1>
<dl class="meta">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
</div></header>`;
}

function renderSummarySection(input: ReportInput): string {
  const counts = countBySeverity(input.findings);
  const cards = [
    `<div class="card total"><div class="n">${formatCount(input.findings.length)}</div><div class="l">Findings</div></div>`,
    ...[...SEVERITIES].reverse().map(
      (s) =>
        `<div class="card sev-${s}${counts[s] === 0 ? ' zero' : ''}"><div class="n">${formatCount(counts[s])}</div>` +
        `<div class="l">${SEVERITY_LABELS[s]}</div></div>`,
    ),
  ];
  const facts: string[] = [];
  const baseline = baselineCounts(input);
  if (baseline) {
    facts.push(
      `Since the previous scan: <strong>${baseline.new} new</strong>, <strong>${baseline.reintroduced} reintroduced</strong>, ` +
        `${baseline.unchanged} unchanged, ${baseline.absent} no longer found.`,
    );
  }
  const diagnostics = input.scan.diagnostics.length;
  if (diagnostics > 0) {
    facts.push(
      `<strong>${formatCount(diagnostics)} ${diagnostics === 1 ? 'diagnostic' : 'diagnostics'}</strong>: ` +
        `parts of the code were skipped or approximated, so results may be incomplete (<a href="#diagnostics">details</a>).`,
    );
  }
  const { stats } = input.scan;
  facts.push(
    `Analysed ${formatCount(stats.files)} files, ${formatCount(stats.lines)} lines, ${formatCount(stats.functions)} functions; ` +
      `${formatCount(stats.flows)} data flows examined in ${escapeHtml(formatDuration(elapsedMillis(input)))}.`,
  );
  return `<section id="summary">
<h2>Summary</h2>
<div class="cards">${cards.join('')}</div>
<ul class="facts">${facts.map((f) => `<li>${f}</li>`).join('')}</ul>
</section>`;
}

function renderToolbar(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return '';
  const present = new Set(findings.map((f) => severityOf(f.severity)));
  const boxes = [...SEVERITIES]
    .reverse()
    .filter((s) => present.has(s))
    .map(
      (s) =>
        `<label><input type="checkbox" value="${s}" data-severity-filter checked> <span class="badge sev-${s}">${SEVERITY_LABELS[s]}</span></label>`,
    );
  return `<div class="toolbar" role="search">${boxes.join('')}
<input type="search" id="filter-text" placeholder="Filter by rule, file or message" aria-label="Filter findings">
<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>
</div>`;
}

function renderFindings(findings: readonly ReportFinding[], input: ReportInput): string {
  if (findings.length === 0) {
    return `<section id="findings"><h2>Findings</h2><p class="empty">No findings. Check the diagnostics below for parts of the code that were not analysed.</p></section>`;
  }
  const groups: string[] = [];
  let number = 0;
  for (const severity of [...SEVERITIES].reverse()) {
    const inGroup = findings.filter((f) => severityOf(f.severity) === severity);
    if (inGroup.length === 0) continue;
    const articles = inGroup.map((f) => renderFinding(f, ++number, input));
    groups.push(
      `<section class="group" id="severity-${severity}">
<h3 class="group"><span class="badge sev-${severity}">${SEVERITY_LABELS[severity]}</span> <span class="count">${inGroup.length} ${inGroup.length === 1 ? 'finding' : 'findings'}</span></h3>
${articles.join('\n')}
</section>`,
    );
  }
  return `<section id="findings">\n<h2>Findings</h2>\n${groups.join('\n')}\n</section>`;
}

function renderFinding(f: ReportFinding, number: number, input: ReportInput): string {
  const severity = severityOf(f.severity);
  const search = [f.ruleId, f.message, f.location.file, ...f.cwe].join(' ').toLowerCase();
  const sub = [
    `<code>${escapeHtml(f.ruleId)}</code>`,
    `<span class="loc">${escapeHtml(formatLocation(f.location))}</span>`,
    `<span>${escapeHtml(f.confidence)} confidence</span>`,
  ];
  if (input.hasBaseline && f.baselineState && f.baselineState !== 'unchanged') {
    sub.push(`<span class="tag ${baselineClass(f.baselineState)}">${escapeHtml(f.baselineState)}</span>`);
  }
  const excerpt = renderExcerpt(f, input.excerpts?.[f.fingerprint]);
  const flow = f.flow.length > 0 ? `<h4>Data flow, ${f.flow.length} steps</h4>${renderFlow(f)}` : '';
  return `<article class="finding sev-${severity}" id="finding-${number}" data-severity="${severity}" data-search="${escapeAttribute(search)}">
<details open>
<summary><span class="badge sev-${severity}">${SEVERITY_LABELS[severity]}</span><span class="title"><span class="num">#${number}</span> ${escapeHtml(f.message)}</span>
<span class="sub">${sub.join('')}</span></summary>
<div class="body">
${renderTags(f, input)}
${excerpt ? `<h4>Code</h4>${excerpt}` : ''}
${flow}
<div class="advice"><div><h4>Why it matters</h4><p>${escapeHtml(f.explanation)}</p></div><div><h4>How to fix</h4><p>${escapeHtml(f.fix)}</p></div></div>
${renderDetails(f)}
${renderProof(f.id === undefined ? undefined : input.proofs?.[f.id])}
</div>
</details>
</article>`;
}

function renderTags(f: ReportFinding, input: ReportInput): string {
  const tags = [
    ...f.cwe.map((cwe) => `<span class="tag"><b>${escapeHtml(cwe)}</b></span>`),
    `<span class="tag">Confidence <b>${escapeHtml(f.confidence)}</b></span>`,
    `<span class="tag">Origin <b>${escapeHtml(f.origin)}</b></span>`,
  ];
  if (input.hasBaseline && f.baselineState) {
    tags.push(`<span class="tag ${baselineClass(f.baselineState)}">Baseline <b>${escapeHtml(f.baselineState)}</b></span>`);
  }
  if (f.state !== undefined) tags.push(`<span class="tag">State <b>${escapeHtml(f.state)}</b></span>`);
  const proof = f.id === undefined ? undefined : input.proofs?.[f.id];
  if (proof !== undefined) tags.push(`<span class="tag">Proof <b>${escapeHtml(proof.status)}</b></span>`);
  if (f.id !== undefined) tags.push(`<span class="tag">ID <b>${escapeHtml(f.id)}</b></span>`);
  if (f.firstSeenAt !== undefined) tags.push(`<span class="tag">First seen <b>${escapeHtml(formatTimestamp(f.firstSeenAt))}</b></span>`);
  tags.push(`<span class="tag">Fingerprint <b class="loc">${escapeHtml(f.fingerprint)}</b></span>`);
  return `<div class="tags">${tags.join('')}</div>`;
}

/** Source lines around the sink with the sink line(s) highlighted; the snippet alone when no excerpt was read. */
function renderExcerpt(f: ReportFinding, excerpt: SourceExcerpt | undefined): string {
  const { location } = f;
  const lines: readonly string[] = excerpt?.lines ?? (location.snippet === undefined ? [] : [location.snippet]);
  if (lines.length === 0) return '';
  const first = excerpt?.startLine ?? location.startLine;
  const sourceLines = new Set(
    f.flow.filter((s) => s.kind === 'source' && s.location.file === location.file).map((s) => s.location.startLine),
  );
  const rows = lines.map((text, i) => {
    const line = first + i;
    const isSink = line >= location.startLine && line <= Math.max(location.startLine, location.endLine);
    const cls = isSink ? ' class="sink"' : sourceLines.has(line) ? ' class="source"' : '';
    return `<tr${cls}><td class="ln">${line}</td><td class="src">${escapeHtml(text)}</td></tr>`;
  });
  return `<div class="code"><div class="file">${escapeHtml(location.file)}</div><table>${rows.join('')}</table></div>`;
}

function renderFlow(f: ReportFinding): string {
  const steps = f.flow.map((step) => {
    const kind = STEP_KINDS.has(step.kind) ? step.kind : ('step' satisfies FlowStepKind);
    const snippet = step.location.snippet ? `<code class="step-snippet">${escapeHtml(step.location.snippet)}</code>` : '';
    return `<li class="kind-${kind}"><span class="step-kind">${kind}</span><span class="step-msg">${escapeHtml(step.message)}</span>` +
      `<span class="step-loc">${escapeHtml(formatLocation(step.location, true))}</span>${snippet}</li>`;
  });
  return `<ol class="flow">${steps.join('')}</ol>`;
}

/** The witness of a proof attempt: payload, oracle, verification and the script the verifier re-ran. */
function renderProof(proof: ReportProof | undefined): string {
  if (proof === undefined) return '';
  const rows = [
    ['Status', proof.status],
    ['Witness', proof.payload],
    ['Oracle', proof.oracle],
    ['Observed', proof.observation],
    ['Verified', proof.reproductions === undefined ? undefined : `${String(proof.reproductions)} of ${String(proof.runs ?? 0)} fresh sandbox runs`],
    ['Reason', proof.reason],
  ].filter((r): r is [string, string] => r[1] !== undefined);
  const script = proof.script === undefined ? '' : `<details><summary>Witness script</summary><pre>${escapeHtml(proof.script)}</pre></details>`;
  return `<h4>Proof</h4><table class="list kv">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>${script}`;
}

/** Producer extras (sink callee, attack string...), as JSON values. */
function renderDetails(f: ReportFinding): string {
  const entries = Object.entries(f.properties ?? {});
  if (entries.length === 0) return '';
  const rows = entries.map(([key, value]) => {
    // JSON.stringify returns undefined for undefined and functions, whatever its declared type says.
    const json = JSON.stringify(value) as string | undefined;
    return `<tr><th>${escapeHtml(key)}</th><td class="mono">${escapeHtml(json ?? 'undefined')}</td></tr>`;
  });
  return `<h4>Details</h4><table class="list kv">${rows.join('')}</table>`;
}

function renderAbsent(input: ReportInput): string {
  const absent = input.hasBaseline ? sortByPriority(input.absentFindings ?? []) : [];
  if (absent.length === 0) return '';
  const rows = absent.map((f) => {
    const severity = severityOf(f.severity);
    return `<tr><td><span class="badge sev-${severity}">${SEVERITY_LABELS[severity]}</span></td><td class="mono">${escapeHtml(f.ruleId)}</td>` +
      `<td class="mono">${escapeHtml(formatLocation(f.location))}</td><td>${escapeHtml(f.message)}</td>` +
      `<td>${escapeHtml(f.lastSeenAt === undefined ? '' : formatTimestamp(f.lastSeenAt))}</td></tr>`;
  });
  return `<section id="absent">
<h2>No longer found <span class="count">${absent.length}</span></h2>
<p class="facts">Reported by the previous scan, not by this one: fixed, or the code moved out of reach of the analysis.</p>
<table class="list"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>Last seen</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function renderDiagnostics(input: ReportInput): string {
  const diagnostics = input.scan.diagnostics;
  if (diagnostics.length === 0) return '';
  const rows = diagnostics.map((d) => {
    const where = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}`}`;
    const meaning = (DIAGNOSTIC_DESCRIPTIONS as Partial<Record<string, string>>)[d.code] ?? '';
    const rule = d.ruleId === undefined ? '' : ` <span class="count">(rule ${escapeHtml(d.ruleId)})</span>`;
    return `<tr><td class="mono" title="${escapeAttribute(meaning)}">${escapeHtml(d.code)}</td><td class="mono">${escapeHtml(where)}</td>` +
      `<td>${escapeHtml(d.message)}${rule}</td></tr>`;
  });
  return `<section id="diagnostics">
<h2>Diagnostics <span class="count">${diagnostics.length}</span></h2>
<p class="facts">The scan went on, but skipped or approximated these; findings may be missing there.</p>
<table class="list"><thead><tr><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function renderRules(input: ReportInput): string {
  if (input.rules.length === 0) return '';
  const rows = input.rules.map(({ id, meta }) => {
    const severity = severityOf(meta.severity);
    return `<tr><td class="mono">${escapeHtml(id)}</td><td><span class="badge sev-${severity}">${SEVERITY_LABELS[severity]}</span></td>` +
      `<td>${escapeHtml(meta.cwe.join(', '))}</td><td>${escapeHtml(meta.status)}</td><td>${escapeHtml(meta.description)}</td></tr>`;
  });
  return `<section id="rules">
<h2>Rules</h2>
<details class="rules"><summary>${input.rules.length} rules ran</summary>
<table class="list"><thead><tr><th>Rule</th><th>Severity</th><th>CWE</th><th>Status</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</details>
</section>`;
}

function renderFooter(input: ReportInput): string {
  const uri = input.tool.informationUri;
  // Only web links: a javascript: or data: URI from a caller would be live markup.
  const tool = uri !== undefined && /^https?:\/\//i.test(uri)
    ? `<a href="${escapeAttribute(uri)}" rel="noreferrer">${escapeHtml(input.tool.name)}</a>`
    : escapeHtml(input.tool.name);
  return `<footer>Generated by ${tool} ${escapeHtml(input.tool.version)} on ${escapeHtml(formatTimestamp(input.scan.finishedAt))}. ` +
    `Findings are leads for review, not proof: each names its data flow so it can be checked.</footer>`;
}

/** Imported findings are typed but not trusted: an unknown severity renders as info, never as a class name. */
function severityOf(value: string): Severity {
  return isSeverity(value) ? value : 'info';
}

function baselineClass(state: string): string {
  return BASELINE_CLASSES.has(state) ? state : '';
}

function formatLocation(location: Location, withColumn = false): string {
  return `${location.file}:${location.startLine}${withColumn ? `:${location.startColumn}` : ''}`;
}

/** `2026-03-02 10:00:02 UTC` for an ISO timestamp, the text itself otherwise. */
function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

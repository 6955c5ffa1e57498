import { createHash } from 'node:crypto';

/** Style sheet of the HTML report: light, printable, no web fonts or images. */
export const REPORT_CSS = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --paper: #ffffff; --accent: #0b3d91;
  --critical: #8e1b1b; --critical-bg: #fde8e8; --high: #b4380c; --high-bg: #fff0e6;
  --medium: #8a6100; --medium-bg: #fff6d6; --low: #1a5fb4; --low-bg: #e7f0fd; --info: #57606a; --info-bg: #eef1f4;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--soft); }
body { margin: 0; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1120px; margin: 0 auto; padding: 0 24px 48px; }
header.masthead { background: var(--accent); color: #fff; padding: 28px 0 24px; margin-bottom: 24px; }
header.masthead .page { padding-bottom: 0; }
.brand { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; opacity: .85; }
h1 { margin: 4px 0 14px; font-size: 26px; font-weight: 650; overflow-wrap: anywhere; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px 24px; margin: 0; }
dl.meta div { min-width: 0; }
dl.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; opacity: .75; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3.group { display: flex; align-items: center; gap: 8px; font-size: 15px; margin: 24px 0 10px; }
h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 16px 0 6px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
.card { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid var(--info); border-radius: 6px; padding: 10px 14px; }
.card .n { font-size: 26px; font-weight: 700; line-height: 1.2; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.card.total { border-top-color: var(--accent); }
.card.sev-critical { border-top-color: var(--critical); } .card.sev-high { border-top-color: var(--high); }
.card.sev-medium { border-top-color: var(--medium); } .card.sev-low { border-top-color: var(--low); }
.card.zero .n { color: #afb8c1; }
.facts { margin: 14px 0 0; padding: 0; list-style: none; color: var(--muted); }
.facts li { margin: 2px 0; }
.facts strong { color: var(--ink); font-weight: 600; }
.toolbar { display: none; gap: 12px; align-items: center; flex-wrap: wrap; margin: 20px 0 0; padding: 10px 14px; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
.js .toolbar { display: flex; }
.toolbar label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
.toolbar input[type=search] { flex: 1; min-width: 200px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
.toolbar button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); cursor: pointer; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; white-space: nowrap; }
.badge.sev-critical { color: #fff; background: var(--critical); } .badge.sev-high { color: #fff; background: var(--high); }
.badge.sev-medium { color: var(--medium); background: var(--medium-bg); } .badge.sev-low { color: var(--low); background: var(--low-bg); }
.badge.sev-info { color: var(--info); background: var(--info-bg); }
.count { color: var(--muted); font-weight: 400; }
article.finding { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; margin: 0 0 12px; }
article.sev-critical { border-left-color: var(--critical); } article.sev-high { border-left-color: var(--high); }
article.sev-medium { border-left-color: var(--medium); } article.sev-low { border-left-color: var(--low); }
article.finding > details > summary { list-style: none; cursor: pointer; padding: 12px 16px; display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; align-items: baseline; }
article.finding > details > summary::-webkit-details-marker { display: none; }
article.finding > details[open] > summary { border-bottom: 1px solid var(--line); }
.num { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.title { font-weight: 600; overflow-wrap: anywhere; }
.sub { grid-column: 2; color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.sub code, .loc { font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
.body { padding: 4px 16px 16px; }
.tags { display: flex; flex-wrap: wrap; gap: 6px; margin: 12px 0 0; }
.tag { font-size: 12px; padding: 1px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); color: var(--muted); overflow-wrap: anywhere; }
.tag b { color: var(--ink); font-weight: 600; }
.tag.new { border-color: #e5a50a; background: #fff8e1; color: #7a5600; }
.tag.reintroduced { border-color: var(--high); background: var(--high-bg); color: var(--high); }
.code { margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; background: var(--soft); }
.code table { border-collapse: collapse; width: 100%; font-family: var(--mono); font-size: 12.5px; line-height: 1.55; }
.code td { padding: 0 12px; vertical-align: top; }
.code td.ln { width: 1%; text-align: right; color: #8c959f; user-select: none; border-right: 1px solid var(--line); white-space: nowrap; }
.code td.src { white-space: pre; tab-size: 2; }
.code tr.sink { background: var(--critical-bg); }
.code tr.sink td.ln { color: var(--critical); font-weight: 700; box-shadow: inset 3px 0 0 var(--critical); }
.code tr.source { background: #e6f4ea; }
.code tr.source td.ln { color: #1a7f37; font-weight: 700; }
.code .file { padding: 4px 12px; font-family: var(--mono); font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); background: var(--paper); overflow-wrap: anywhere; }
ol.flow { list-style: none; margin: 0; padding: 0; counter-reset: step; }
ol.flow li { position: relative; padding: 0 0 12px 40px; }
ol.flow li::before { counter-increment: step; content: counter(step); position: absolute; left: 0; top: 0; width: 24px; height: 24px; border-radius: 50%; background: var(--info-bg); color: var(--ink); font-size: 12px; font-weight: 700; display: flex; align-items: center; justify-content: center; }
ol.flow li:not(:last-child)::after { content: ""; position: absolute; left: 11px; top: 26px; bottom: 2px; width: 2px; background: var(--line); }
ol.flow li.kind-source::before { background: #1a7f37; color: #fff; }
ol.flow li.kind-sink::before { background: var(--critical); color: #fff; }
.step-kind { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-right: 6px; }
.step-msg { overflow-wrap: anywhere; }
.step-loc { display: block; font-family: var(--mono); font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.step-snippet { display: block; margin-top: 2px; font-family: var(--mono); font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; }
.advice { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.advice p { margin: 0; overflow-wrap: anywhere; }
table.list { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; font-size: 13px; }
table.list th, table.list td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
table.list th { background: var(--soft); font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
table.kv th { width: 22%; text-transform: none; letter-spacing: 0; font-family: var(--mono); font-size: 12px; color: var(--ink); }
table.list td.mono { font-family: var(--mono); font-size: 12.5px; }
.empty { padding: 16px; background: var(--paper); border: 1px dashed var(--line); border-radius: 6px; color: var(--muted); }
.ctl { font-family: var(--mono); font-size: 10px; color: #fff; background: var(--critical); border-radius: 3px; padding: 0 3px; }
details.rules > summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 40px; padding-top: 12px; }
[hidden] { display: none !important; }
@media (max-width: 760px) { .cards { grid-template-columns: repeat(3, 1fr); } .advice { grid-template-columns: 1fr; } }
@media print {
  html, body { background: #fff; font-size: 11px; }
  header.masthead { background: none; color: var(--ink); border-bottom: 2px solid var(--accent); padding: 0 0 12px; }
  .page { max-width: none; padding: 0; }
  .toolbar, .js .toolbar { display: none; }
  @page { margin: 14mm 12mm; }
  /* Long findings may span pages; their parts may not. */
  .card, tr, .code, ol.flow li, .advice > div, article.finding > details > summary { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .code td.src { white-space: pre-wrap; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * The report's only script: severity and text filters, expand/collapse, open everything before printing.
 * It reads only the page; the Content-Security-Policy admits it by hash and nothing else.
 */
export const REPORT_SCRIPT = `
(function () {
  document.documentElement.classList.add('js');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-severity-filter]'));
  var query = document.getElementById('filter-text');
  var articles = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  function apply() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    var text = query ? query.value.trim().toLowerCase() : '';
    articles.forEach(function (a) {
      var match = shown[a.getAttribute('data-severity')] !== false && (!text || (a.getAttribute('data-search') || '').indexOf(text) >= 0);
      a.hidden = !match;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('article.finding:not([hidden])'); });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (query) query.addEventListener('input', apply);
  function setOpen(open) { articles.forEach(function (a) { var d = a.querySelector('details'); if (d) d.open = open; }); }
  var expand = document.getElementById('expand-all');
  var collapse = document.getElementById('collapse-all');
  if (expand) expand.addEventListener('click', function () { setOpen(true); });
  if (collapse) collapse.addEventListener('click', function () { setOpen(false); });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
`;

/** CSP source for {@link REPORT_SCRIPT}: inline scripts injected into the page would not match it. */
export const REPORT_SCRIPT_HASH = `sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}`;

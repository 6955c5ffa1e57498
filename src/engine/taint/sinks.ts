// Sink sites and the check that reports a source-to-sink flow when a tainted value reaches one.
import type { Node } from 'oxc-parser';
import type { FlowStep, TaintLabel } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import { locationOf } from '../parse/parse-files.js';
import { pathMatches } from './access-path.js';
import { defaultHostSite } from './default-host.js';
import { asUrlAttributeValue, urlAttributeOpenedBy } from './html-context.js';
import { isCallerChosenPath } from './path-composition.js';
import { asSqlQuotedValue, isQuotedByName, isSqlBuilderName, sqlQuoteAround } from './sql-context.js';
import type { RegexValue } from './regex-values.js';
import { regexDetails } from './regex-values.js';
import type { SinkHit, SinkSite } from './program-model.js';
import type { ParamOrigin, SourceOrigin, Taint, Value } from './value.js';
import {
  isPollutionClean,
  kindBit,
  LENGTH_BOUNDED,
  makeValue,
  NOT_ARRAY,
  NOT_STRING,
  sameConditions,
  stepsToArray,
  taintKey,
  taintWith,
  weaken,
} from './value.js';
import type { Frame, Interpreter } from './interpreter.js';

export const SECRET_NAME = /token|secret|password|passwd|nonce|salt|session|otp|apikey|api_key|csrf/i;

export function stepsOf(t: Taint & { origin: SourceOrigin }, site: SinkSite): FlowStep[] {
  const source: FlowStep = { kind: 'source', location: t.origin.location, message: `${t.origin.description} is read` };
  const sink: FlowStep = { kind: 'sink', location: site.location, message: `reaches ${site.description}` };
  return [source, ...stepsToArray(t.steps), sink];
}

export function sinkSite(
  it: Interpreter,
  frame: Frame,
  kind: SinkSite['kind'],
  description: string,
  site: { file: ParsedFile; node: Node; enclosing: string },
  labels: readonly TaintLabel[] | undefined,
  details?: Readonly<Record<string, unknown>>,
): SinkSite {
  return {
    kind,
    description,
    location: locationOf(site.file, site.node.start, site.node.end),
    text: site.file.text.slice(site.node.start, Math.min(site.node.end, site.node.start + 300)),
    enclosing: site.enclosing,
    labels: labels ? new Set(labels) : it.opts.defaultLabels,
    ...(details ? { details } : {}),
  };
}

export function regexSite(it: Interpreter, frame: Frame, node: Node): NonNullable<RegexValue['site']> {
  return { location: it.loc(frame, node), text: it.text(frame, node) };
}

/**
 * `v` matched against the regexes a value may be. One pattern: the sink is the call. Several (an element of a
 * table of patterns tried in a loop, `table[i].exec(ua)`): each pattern is its own sink, located where it is
 * written, since the call does not say which one backtracks and the fix goes into that pattern.
 */
export function regexSinks(
  it: Interpreter,
  frame: Frame,
  v: Value,
  regexes: readonly RegexValue[],
  description: string,
  site: { file: ParsedFile; node: Node; enclosing: string },
): void {
  if (v.taints.length === 0) return;
  const [only] = regexes;
  if (only && regexes.length === 1) {
    if (!it.isLinearTime(only)) checkSink(it, frame, v, sinkSite(it, frame, 'redos', description, site, undefined, regexDetails(only)));
    return;
  }
  const call = sinkSite(it, frame, 'redos', description, site, undefined);
  for (const regex of regexes) {
    if (it.isLinearTime(regex)) continue;
    const where = regex.site ?? call;
    const inTable = `${description} on line ${String(call.location.startLine)} (one of ${String(regexes.length)} patterns it tries)`;
    checkSink(it, frame, v, { ...call, description: inTable, location: where.location, text: where.text, details: { ...regexDetails(regex), table: true } });
  }
}

/** Identity of a sink in a summary: where it is (file, line and column) and, for a regex, which pattern (one call may apply several). */
function sameSite(a: SinkSite, b: SinkSite): boolean {
  if (a === b) return true;
  const pa = a.details?.pattern;
  const pb = b.details?.pattern;
  return (
    a.location.startLine === b.location.startLine &&
    a.location.startColumn === b.location.startColumn &&
    a.location.file === b.location.file &&
    a.kind === b.kind &&
    (typeof pa === 'string' ? pa : undefined) === (typeof pb === 'string' ? pb : undefined)
  );
}

/**
 * Kinds whose sink runs a whole text as a program: a function that hands its parameter unchanged to one
 * (`exec(cmd, opts, cb)` in `run(cmd, cb)`) is a wrapper, and the text is built where the wrapper is called.
 */
const PROGRAM_TEXT_KINDS: ReadonlySet<SinkSite['kind']> = new Set(['command-injection', 'code-injection', 'sql-injection']);

/** The sink of a wrapper's summary hit, seen from a direct call of the wrapper: the call itself for program-text sinks. */
export function wrappedSinkSite(it: Interpreter, hit: SinkHit, wrapper: string, call: Node, at: { readonly file: ParsedFile; readonly enclosing: string }): SinkSite {
  if (!hit.passed || !PROGRAM_TEXT_KINDS.has(hit.site.kind)) return hit.site;
  return {
    kind: hit.site.kind,
    description: `${hit.site.description} through ${wrapper}()`,
    location: locationOf(at.file, call.start, call.end),
    text: at.file.text.slice(call.start, Math.min(call.end, call.start + 300)),
    enclosing: at.enclosing,
    labels: hit.site.labels,
    ...(hit.site.details ? { details: hit.site.details } : {}),
  };
}

/**
 * A summary's hit of parameter taint `t` at `site`, unless it has one already: same origin, cleanness, base and
 * conditions at the same sink. Summaries of large libraries hold hundreds of hits, so they are found by a key of
 * those fields (the frame's `sinkIndex`) and only the hits under the key are compared.
 */
function addSummaryHit(frame: Frame, t: Taint, origin: ParamOrigin, site: SinkSite, v: Value): void {
  const pattern = site.details?.pattern;
  const key = `${taintKey(t)}@${site.location.file}:${String(site.location.startLine)}:${String(site.location.startColumn)}:${site.kind}${typeof pattern === 'string' ? `/${pattern}` : ''}`;
  const same = frame.sinkIndex.get(key);
  const sameHit = (h: SinkHit): boolean =>
    h.taint.origin.key === t.origin.key && h.taint.clean === t.clean && h.taint.below?.key === t.below?.key && sameConditions(h.taint.when, t.when) && sameSite(h.site, site);
  if (same?.some(sameHit)) return;
  const passed = origin.path.length === 0 && v.aliases?.some((a) => a.key === origin.key) === true;
  const hit: SinkHit = { taint: t, site, ...(passed ? { passed } : {}) };
  frame.summary.sinks.push(hit);
  if (same) same.push(hit);
  else frame.sinkIndex.set(key, [hit]);
}

/** Report concrete taint reaching a sink; keep parameter taint in the summary. */
export function checkSink(it: Interpreter, frame: Frame, v: Value, site: SinkSite): void {
  const bit = kindBit(site.kind);
  for (const t of v.taints) {
    if ((t.clean & bit) !== 0) continue;
    if (site.kind === 'prototype-pollution' && isPollutionClean(t.clean)) continue;
    // A regex matches the string form of what it is given: for a value neither a string nor an array, fixed text.
    if (site.kind === 'redos' && (t.clean & NOT_STRING) !== 0 && (t.clean & NOT_ARRAY) !== 0) continue;
    if (t.origin.kind === 'param') {
      // Parameters of enclosing functions too: a closure's summary is applied inside its creator.
      // A URL resolved against a default host, or a string cut short, is a separate hit: the caller's own URL (the
      // whole string) may reach the same sink.
      if (frame.fn) addSummaryHit(frame, t, t.origin, site, v);
      continue;
    }
    const origin = t.origin;
    if (!site.labels.has(origin.label)) {
      // A caller's URL is theirs to choose, but not the host this code resolves it against.
      const moved = origin.label === 'library-input' ? defaultHostSite(t, site) : undefined;
      if (moved) it.flows.push({ site: moved, source: origin, steps: stepsOf(taintWith(t, { origin }), site), weak: t.weak });
      continue;
    }
    if (site.kind === 'path-traversal' && isCallerChosenPath(t)) continue;
    const bounded = site.kind === 'redos' && (t.clean & LENGTH_BOUNDED) !== 0;
    it.addFlow({ site, source: origin, steps: stepsOf(taintWith(t, { origin }), site), weak: t.weak, ...(bounded ? { lengthBounded: true } : {}) });
  }
}

/**
 * `ctx.body = html`: a write to a field a sink model names (path ending in a member, `arg: 'write'`).
 * Deferred into the summary while the object is a parameter. Objects are sent as data (JSON), not markup.
 */
export function fieldWriteSink(it: Interpreter, frame: Frame, obj: Value, name: string, v: Value, node: Node, file: ParsedFile, enclosing: string): void {
  if (v.taints.length === 0 || v.props) return;
  for (const ref of obj.apis) {
    const tokens = [...ref.tokens, `Member:${name}`];
    for (const sink of it.opts.models.sinks.get(ref.root) ?? []) {
      if (sink.arg !== 'write' || !pathMatches([...sink.call, ...sink.members], tokens)) continue;
      checkSink(it, frame, v, sinkSite(it, frame, sink.model.kind, sink.model.description, { file, node, enclosing }, sink.model.labels));
    }
  }
  if (frame.fn && obj.aliases?.length) {
    const writes = (frame.summary.writes ??= []);
    if (writes.length < 64) writes.push({ target: makeValue({ aliases: obj.aliases }), name, value: v, node, file, enclosing });
  }
}

/** `'<a href="' + url`: markup whose URL attribute takes a value is an XSS sink (html-context.ts). */
export function urlAttributeSink(it: Interpreter, frame: Frame, before: string | undefined, valueNode: Node, v: Value): void {
  if (v.taints.length === 0) return;
  const attr = urlAttributeOpenedBy(before);
  if (attr === undefined) return;
  const where = { file: frame.file, node: valueNode, enclosing: frame.enclosing };
  checkSink(it, frame, asUrlAttributeValue(v), sinkSite(it, frame, 'xss', `the ${attr} attribute of HTML markup`, where, undefined, { context: 'url-attribute' }));
}

/**
 * `` `[${name}]` `` or `"'" + s + "'"` in a function that builds SQL (sql-context.ts): the value is quoted as
 * an SQL identifier or literal, which it ends unless its closing quote was removed or escaped.
 */
export function sqlQuotedSink(it: Interpreter, frame: Frame, before: string | undefined, after: string | undefined, valueNode: Node, v: Value): void {
  if (v.taints.length === 0 || !isSqlBuilderName(frame.enclosing) || isQuotedByName(valueNode)) return;
  const close = sqlQuoteAround(before, after);
  if (close === undefined) return;
  const where = { file: frame.file, node: valueNode, enclosing: frame.enclosing };
  const what = close === "'" ? 'a quoted SQL string literal' : 'a quoted SQL identifier';
  // SQL text is recognised by names, a heuristic: the flow is weak (medium confidence).
  checkSink(it, frame, weaken(asSqlQuotedValue(v, close)), sinkSite(it, frame, 'sql-injection', what, where, undefined, { context: 'sql-quoted', quote: close }));
}

export function builtinSecretSink(it: Interpreter, frame: Frame, name: string, v: Value, node: Node): void {
  if (!SECRET_NAME.test(name) || !v.taints.some((t) => t.origin.kind === 'param' || t.origin.label === 'insecure-random')) return;
  const site = sinkSite(it, frame, 'insecure-randomness', `security-sensitive value \`${name}\``, { file: frame.file, node, enclosing: frame.enclosing }, ['insecure-random']);
  checkSink(it, frame, v, site);
}

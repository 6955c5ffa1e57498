// A URL resolved against a hard-coded loopback origin: the code, not its caller, picks where a relative URL goes.
import type { CallExpression, NewExpression } from 'oxc-parser';
import type { FlowStep } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import { locationOf } from '../parse/parse-files.js';
import type { SinkSite } from './program-model.js';
import type { ApiRef, Taint, Value } from './value.js';
import { addStep, DEFAULT_HOST_RESOLVED, makeValue, stepsToArray, withClean } from './value.js';
import type { Interpreter } from './interpreter.js';

/** `http://localhost`, `http://127.0.0.1:3000/`, `http://[::1]`: an origin on this machine. */
const LOOPBACK_ORIGIN = /^https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?::\d{1,5})?\/?$/i;
const STEP_PREFIX = 'resolved against the default host ';

/** `new URL(x, base)` or `new url.URL(x, base)`. */
function isUrlConstructor(ref: ApiRef): boolean {
  if (ref.root === 'g:URL') return ref.tokens.length === 0;
  return ref.root === 'm:url' && ref.tokens.length === 1 && ref.tokens[0] === 'Member:URL';
}

/**
 * `new URL(input, 'http://localhost')`: a relative input (`/admin`, `?q`) becomes a URL of this machine. The
 * input's taints are marked with the resolution, which a request sink reports even for a caller's URL (the
 * caller chose a path; the code chose the host). Other calls: `undefined`.
 */
export function resolveAgainstDefaultHost(
  it: Interpreter,
  ref: ApiRef,
  isNew: boolean,
  args: readonly Value[],
  site: { file: ParsedFile; node: CallExpression | NewExpression },
): Value | undefined {
  const [input, base] = args;
  if (!isNew || !input || input.taints.length === 0 || base?.str === undefined || !isUrlConstructor(ref)) return undefined;
  if (!LOOPBACK_ORIGIN.test(base.str)) return undefined;
  const step: FlowStep = { kind: 'step', location: locationOf(site.file, site.node.start, site.node.end), message: `${STEP_PREFIX}${base.str}` };
  const marked: Value = makeValue({ taints: input.taints.map((t): Taint => withClean(t, t.clean | DEFAULT_HOST_RESOLVED)) });
  return addStep(marked, step, it.opts.maxPathLength);
}

/**
 * The request sink a marked taint reaches, moved to where the default host was chosen: that line is the flaw
 * (the fix resolves without the loopback base), the request is where it takes effect.
 */
export function defaultHostSite(t: Taint, site: SinkSite): SinkSite | undefined {
  if (site.kind !== 'ssrf' || (t.clean & DEFAULT_HOST_RESOLVED) === 0) return undefined;
  // The oldest such step: where the loopback base was first chosen.
  const step = stepsToArray(t.steps).find((s) => s.message.startsWith(STEP_PREFIX));
  if (!step) return undefined;
  const host = step.message.slice(STEP_PREFIX.length);
  return {
    ...site,
    location: step.location,
    text: step.location.snippet ?? '',
    details: { ...site.details, defaultHost: host, requestAt: `${site.location.file}:${String(site.location.startLine)}` },
  };
}

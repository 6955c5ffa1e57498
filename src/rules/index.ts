import type { Rule } from '../core/index.js';
import { insecureRandomness } from './crypto/insecure-randomness.js';
import { weakCrypto } from './crypto/weak-crypto.js';
import { createRedosRule, redos } from './dos/redos.js';
import type { RegexComplexityChecker } from './dos/regex-complexity.js';
import { codeInjection } from './injection/code-injection.js';
import { commandInjection } from './injection/command-injection.js';
import { prototypePollution } from './injection/prototype-pollution.js';
import { regexInjection } from './injection/regex-injection.js';
import { sqlInjection } from './injection/sql-injection.js';
import { unsafeDeserialization } from './injection/unsafe-deserialization.js';
import { hardcodedSecret } from './secrets/hardcoded-secret.js';
import { openRedirect } from './web/open-redirect.js';
import { pathTraversal } from './web/path-traversal.js';
import { ssrf } from './web/ssrf.js';
import { xss } from './web/xss.js';

export { createRedosRule } from './dos/redos.js';
export {
  analyzeRegexComplexity,
  ConcurrentRegexComplexityCache,
  recheckFailure,
  recheckOutcome,
  RegexComplexityCache,
  runRecheck,
} from './dos/regex-complexity.js';
export type { AutomatonBackend, AutomatonCheck, RecheckOutcome, RegexComplexityChecker, RegexVerdict } from './dos/regex-complexity.js';

/**
 * Every rule Yagura ships, for `analyze(input, { rules: ALL_RULES, ... })`.
 *
 * @example
 * const result = await analyze(input, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'auto' });
 */
export const ALL_RULES: readonly Rule[] = [
  codeInjection,
  commandInjection,
  hardcodedSecret,
  insecureRandomness,
  openRedirect,
  pathTraversal,
  prototypePollution,
  redos,
  regexInjection,
  sqlInjection,
  ssrf,
  unsafeDeserialization,
  weakCrypto,
  xss,
];

/**
 * {@link ALL_RULES} with the ReDoS rule taking its verdicts from `regexComplexity`, e.g. a
 * {@link ConcurrentRegexComplexityCache} whose automaton runs on a worker thread.
 *
 * @example
 * const regexes = new ConcurrentRegexComplexityCache({ check });
 * await analyze(input, { rules: createAllRules(regexes), onTaintedRegex: (p, f) => regexes.prefetch(p, f), ... });
 */
export function createAllRules(regexComplexity: RegexComplexityChecker): readonly Rule[] {
  const ownRedos = createRedosRule(regexComplexity);
  return ALL_RULES.map((rule) => (rule === redos ? ownRedos : rule));
}

/**
 * The rule with this id, or `undefined`.
 *
 * @example
 * getRule('sql-injection')?.meta.cwe; // ['CWE-89']
 */
export function getRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}

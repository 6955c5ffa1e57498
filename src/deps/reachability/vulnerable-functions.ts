/**
 * Curated vulnerable functions per advisory and package, where the advisory names none or names an
 * internal helper the application cannot call. Each list is the public API that reaches the flaw,
 * read from the package's source at the vulnerable versions. `(module)` is the package export itself.
 */
export const CURATED_VULNERABLE_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // lodash zipObjectDeep prototype pollution: the advisory names the internal `baseSet`, which
  // lodash 4.17.15 reaches from set, setWith, update, updateWith and zipObjectDeep.
  'GHSA-p6mc-m468-83gw': { lodash: ['set', 'setWith', 'update', 'updateWith', 'zipObjectDeep'], 'lodash-es': ['set', 'setWith', 'update', 'updateWith', 'zipObjectDeep'] },
  // lodash template command injection (advisory: `lodash.template`).
  'GHSA-35jh-r3h4-6jhm': { lodash: ['template'], 'lodash-es': ['template'] },
  // minimist prototype pollution: parsing arguments is the only entry point.
  'GHSA-vh95-rmgr-6w4m': { minimist: ['(module)'] },
  'GHSA-xvch-5gv4-984h': { minimist: ['(module)'] },
  // moment path traversal: a user-chosen locale name reaches the locale loader through moment.locale()
  // (and moment().locale(), which Yagura does not follow through the returned instance).
  'GHSA-8hfj-j24r-96c4': { moment: ['locale'] },
  // moment ReDoS: string parsing (rfc2822 is tried by default) in the moment() and moment.utc() constructors.
  'GHSA-wc69-rhjr-hc9g': { moment: ['(module)', 'utc'] },
};

/**
 * The exports of `pkg` that reach the flaw of `advisoryId`: the curated list when there is one,
 * else the advisory's `affected_functions` with the package prefix removed (`lodash.template` ->
 * `template`, `(minimist)` -> `(module)`). Empty when nothing is known.
 */
export function vulnerableFunctions(advisoryIds: readonly string[], pkg: string, fromAdvisory: readonly string[]): string[] {
  for (const id of advisoryIds) {
    const curated = CURATED_VULNERABLE_FUNCTIONS[id]?.[pkg];
    if (curated) return [...curated];
  }
  const names = fromAdvisory.map((f) => {
    if (f === `(${pkg})`) return '(module)';
    return f.startsWith(`${pkg}.`) ? f.slice(pkg.length + 1) : f;
  });
  return [...new Set(names)];
}

import type { Finding } from '../../core/index.js';
import { HTTP_RUNTIME } from './http-runtime.js';
import type { Witness, WitnessClass } from './witness.js';

/** How an application starts inside the sandbox (see `discoverApp`). */
export interface AppProfile {
  /** Start file relative to the app root (`src/server.js`). */
  readonly entry: string;
  readonly nodeArgs: readonly string[];
  /** Path inside the sandbox of the PGlite package when the app uses `pg`; absent otherwise. */
  readonly pglite?: string;
  /** Environment variables pointed at the embedded database. */
  readonly databaseEnv: readonly string[];
  /** Source text of the app's files by relative path, to find the handler enclosing a source. */
  readonly files: ReadonlyMap<string, string>;
}

const SQL_TOKEN = 'yagura_{{NONCE}}';
const PAYLOADS: Readonly<Partial<Record<WitnessClass, readonly string[]>>> = {
  'command-injection': [';touch {{MARK}};#', '$(touch {{MARK}})', '|touch {{MARK}}|', '`touch {{MARK}}`'],
  'code-injection': [
    'globalThis["{{KEY}}"]="{{NONCE}}"',
    `';globalThis["{{KEY}}"]="{{NONCE}}";'`,
    `";globalThis["{{KEY}}"]="{{NONCE}}";"`,
  ],
  'prototype-pollution': ['{"__proto__":{"{{KEY}}":"{{NONCE}}"}}', '{"constructor":{"prototype":{"{{KEY}}":"{{NONCE}}"}}}'],
  'path-traversal': ['{{CANARY_REL}}', '{{CANARY_ABS}}'],
  'sql-injection': [`x' ${SQL_TOKEN} '`, `1 ${SQL_TOKEN}`, `x" ${SQL_TOKEN} "`],
  xss: ['"><svg data-yagura="{{NONCE}}">'],
  ssrf: ['http://127.0.0.1:{{LPORT}}/yagura-{{NONCE}}'],
  'open-redirect': ['https://yagura-{{NONCE}}.example/', '//yagura-{{NONCE}}.example/'],
  'unsafe-deserialization': ['{"x":"_$$ND_FUNC$$_function(){globalThis[\\"{{KEY}}\\"]=\\"{{NONCE}}\\"}()"}'],
  'regex-injection': ['yagura_{{NONCE}}('],
};

const ORACLES: Readonly<Partial<Record<WitnessClass, string>>> = {
  'command-injection': 'a shell in the app creates the marker file /tmp/yagura-<nonce>-<n>',
  'code-injection': 'code evaluated by the app sets globalThis.yagura_<nonce> to <nonce>',
  'prototype-pollution': 'Object.prototype of the app process gains yagura_<nonce> = <nonce>',
  'path-traversal': 'the response carries the content (a second random token) of the canary /tmp/yagura-canary-<nonce>/secret.txt, outside the app root',
  'sql-injection': 'the embedded PostgreSQL (PGlite) reports a syntax error at the payload token yagura_<nonce>: the value was parsed as SQL',
  xss: 'an HTML response contains the payload tag <svg data-yagura="<nonce>"> unescaped',
  ssrf: 'a loopback listener inside the sandbox receives a request for /yagura-<nonce>',
  'open-redirect': 'the response redirects to https://yagura-<nonce>.example/',
  'unsafe-deserialization': 'a function in the deserialised value runs and sets globalThis.yagura_<nonce>',
  'regex-injection': 'the payload is compiled as a regular expression (its syntax error names yagura_<nonce>)',
};

/** Handlers the flow passes the request to (`passed to renderStatementSummary()`), first first. */
export function handlerNamesOf(finding: Finding): string[] {
  const names: string[] = [];
  for (const step of finding.flow) {
    const m = /passed to ([\w$.]+)\(\)/.exec(step.message);
    const name = m?.[1]?.split('.').pop();
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The request field the flow names precisely (`req.query.file` -> query `file`), if it does. */
export function preciseInjectionPoint(finding: Finding): { in: string; name: string } | undefined {
  const texts = [finding.flow[0]?.message ?? '', finding.flow[0]?.location.snippet ?? ''];
  for (const text of texts) {
    const m = /req(?:uest)?\.(query|body|params|cookies|headers)(?:\.(\w+)|\[['"]([\w-]+)['"]\])?/.exec(text);
    if (m === null) continue;
    const where = m[1] ?? 'query';
    const name = m[2] ?? m[3];
    if (name !== undefined) return { in: where, name: where === 'headers' ? name.toLowerCase() : name };
  }
  const destructured = /\{([^}]*)\}\s*=\s*req\.(query|body|params|cookies)/.exec(finding.flow[0]?.location.snippet ?? '');
  if (destructured !== null) {
    // The source is one of the destructured names: the one the flow's later steps mention.
    const names = (destructured[1] ?? '').split(',').map((p) => (p.split(':')[0] ?? '').trim()).filter((n) => /^\w+$/.test(n));
    const later = finding.flow.slice(1).map((s) => `${s.message} ${s.location.snippet ?? ''}`).join(' ');
    const name = names.find((n) => new RegExp(`\\b${n}\\b`).test(later)) ?? names[0];
    if (name !== undefined) return { in: destructured[2] ?? 'body', name };
  }
  return undefined;
}

/** Name of the function enclosing a line: `function name(`, `name = (req`, `name(req, res) {`. */
export function enclosingFunctionName(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const l = lines[i] ?? '';
    const m = /(?:function\s+([\w$]+)\s*\(|(?:const|let|var)\s+([\w$]+)\s*=\s*(?:async\s*)?(?:function\b|\())/.exec(l);
    if (m !== null) return m[1] ?? m[2];
  }
  return undefined;
}

/** Options of {@link createHttpWitness}. */
export interface HttpWitnessOptions {
  readonly budgetMs: number;
  readonly app: AppProfile;
  readonly call?: Readonly<Record<string, unknown>>;
}

/**
 * A witness for a finding under the application threat model: the app runs in the sandbox on loopback and
 * receives the request along the finding's path.
 */
export function createHttpWitness(
  finding: Finding,
  cls: WitnessClass,
  mode: 'search' | 'replay',
  options: HttpWitnessOptions,
): Witness | { readonly unsupported: string } {
  const payloads = PAYLOADS[cls];
  const oracle = ORACLES[cls];
  if (payloads === undefined || oracle === undefined) return { unsupported: `no HTTP witness for ${cls}` };
  if (!/\breq(?:uest)?\.(?:query|body|params|cookies|headers)\b/.test(finding.flow[0]?.message ?? '')) {
    return { unsupported: 'the flow does not start at a request field (req.query, req.body, ...)' };
  }
  // The engine names the request object, not always the field: the witness then tries each field the handler reads.
  const injection = preciseInjectionPoint(finding);
  const source = finding.flow[0]?.location;
  const text = source === undefined ? undefined : options.app.files.get(source.file);
  const handlerNames = handlerNamesOf(finding);
  const enclosing = source !== undefined && text !== undefined ? enclosingFunctionName(text, source.startLine) : undefined;
  if (enclosing !== undefined) handlerNames.push(enclosing);
  const handlerName = handlerNames[0];
  const snippet = source?.snippet?.trim();
  const request = mode === 'replay' ? options.call?.request : undefined;
  if (mode === 'replay' && (typeof request !== 'object' || request === null)) return { unsupported: 'a replay witness needs the reproduced request' };
  const config = {
    cls,
    mode,
    entry: options.app.entry,
    budgetMs: options.budgetMs,
    searchMs: Math.max(1000, options.budgetMs - 2000),
    startMs: Math.min(10_000, options.budgetMs / 2),
    // The replay's single request may be the first to reach the database (started on demand): give it time.
    requestMs: mode === 'replay' ? Math.max(3000, Math.round(options.budgetMs / 2)) : 1500,
    pglite: options.app.pglite ?? null,
    databaseEnv: options.app.databaseEnv,
    env: { NODE_ENV: 'development' },
    injection: injection ?? null,
    handlerNames,
    snippets: snippet === undefined || snippet.length < 8 ? [] : [snippet.replace(/;$/, '')],
    payloads,
    ...(request === undefined ? {} : { request }),
  };
  const route = typeof options.call?.route === 'string' ? options.call.route : undefined;
  return {
    cls,
    threatModel: 'application',
    mode,
    fileName: '.yagura-witness.cjs',
    script: HTTP_RUNTIME.replace('__CONFIG__', () => JSON.stringify(config)),
    payload:
      mode === 'replay'
        ? `${route ?? 'request'}: ${JSON.stringify(request)}`
        : `search: request fields of the route handled by ${handlerName ?? '(unknown)'}`,
    oracle,
    network: 'loopback',
    timeoutMs: options.budgetMs + 5000,
    nodeArgs: options.app.nodeArgs,
  };
}

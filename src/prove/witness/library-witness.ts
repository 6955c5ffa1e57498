import type { Finding } from '../../core/index.js';
import { ARCHIVE_RUNTIME } from './archive-runtime.js';
import { LIBRARY_RUNTIME } from './library-runtime.js';
import type { Witness, WitnessClass } from './witness.js';

/** Classes a library witness can prove. */
export const LIBRARY_CLASSES = [
  'prototype-pollution',
  'command-injection',
  'code-injection',
  'unsafe-deserialization',
  'path-traversal',
  'redos',
] as const;
type LibraryClass = (typeof LIBRARY_CLASSES)[number];

/** Whether the library witness supports a class. */
export function isLibraryClass(cls: WitnessClass): cls is LibraryClass {
  return (LIBRARY_CLASSES as readonly string[]).includes(cls);
}

type Shape = unknown;

const POLLUTE = '{"__proto__":{"{{KEY}}":"{{P}}"}}';
const POLLUTE_CTOR = '{"constructor":{"prototype":{"{{KEY}}":"{{P}}"}}}';

/** Argument shapes tried per class; `{{P}}` is the payload, `{"$json": ...}` a parsed object with own `__proto__`. */
const SHAPES: Readonly<Record<LibraryClass, readonly Shape[]>> = {
  'prototype-pollution': [
    [{}, '__proto__.{{KEY}}', '{{P}}'],
    [{}, 'constructor.prototype.{{KEY}}', '{{P}}'],
    [{}, ['__proto__', '{{KEY}}'], '{{P}}'],
    [{}, ['constructor', 'prototype', '{{KEY}}'], '{{P}}'],
    [{}, '/__proto__/{{KEY}}', '{{P}}'],
    [{}, { $json: POLLUTE }],
    [{}, { $json: POLLUTE_CTOR }],
    [{ $true: 1 }, {}, { $json: POLLUTE }],
    [{ $true: 1 }, {}, { $json: POLLUTE_CTOR }],
    [{ $json: POLLUTE }],
    [{ $json: '{"__proto__.{{KEY}}":"{{P}}"}' }],
    [{ $json: '{"constructor.prototype.{{KEY}}":"{{P}}"}' }],
    ['[__proto__]\n{{KEY}}={{P}}\n'],
    [['--__proto__.{{KEY}}', '{{P}}']],
    [['--constructor.prototype.{{KEY}}', '{{P}}']],
    [['--_.constructor.constructor.prototype.{{KEY}}', '{{P}}']],
    ['--__proto__.{{KEY}} {{P}}'],
    ['__proto__.{{KEY}}'],
    ['__proto__.{{KEY}}', '{{P}}'],
    // Plain values, written under a key chosen earlier (a primed setter, see the runtime's primedCandidates).
    [{ '{{KEY}}': '{{P}}' }],
  ],
  'command-injection': [
    ['{{P}}'],
    ['{{P}}', { $fn: 1 }],
    ['{{P}}', '{{P}}'],
    ['{{P}}', {}],
    [{ $proxy: '{{P}}' }],
    ['x', { $proxy: '{{P}}' }],
    [['{{P}}']],
    [{ $proxy: '{{P}}' }, { $fn: 1 }],
  ],
  'code-injection': [['{{P}}'], ['{{P}}', {}], [{ $proxy: '{{P}}' }], ['x', { $proxy: '{{P}}' }], ['{{P}}', { $proxy: '{{P}}' }]],
  'unsafe-deserialization': [['{{P}}'], ['{{P}}', {}], ['{{P}}', true], [{ $proxy: '{{P}}' }]],
  'path-traversal': [['{{P}}'], ['{{P}}', 'utf8'], ['{{P}}', { $fn: 1 }], ['/', '{{P}}'], ['.', '{{P}}'], [{ $proxy: '{{P}}' }]],
  redos: [['{{P}}'], [{ $proxy: '{{P}}' }], [{ $proxy: '{{P}}' }, { $proxy: '{{P}}' }], ['{{P}}', '{{P}}'], [['{{P}}']]],
};

const SET_MARKER = 'globalThis["{{KEY}}"]="{{NONCE}}"';
/** The marker without double quotes, for generators that escape `"` (but not the backslash before it). */
const SET_MARKER_SQ = "globalThis['{{KEY}}']='{{NONCE}}'";

/** Code that sets the marker, alone and breaking out of the string, comment or name it is pasted into. */
const CODE_PAYLOADS = [
  SET_MARKER,
  `';${SET_MARKER};'`,
  `";${SET_MARKER};"`,
  `");${SET_MARKER};//`,
  `'+(${SET_MARKER})+'`,
  `*/${SET_MARKER};/*`,
  `\n${SET_MARKER}\n`,
  `x;${SET_MARKER};x`,
  `x=(${SET_MARKER})`,
  // `"` escaped as `\"` but `\` left alone: a backslash of ours turns the escape into a literal backslash.
  `\\"+(${SET_MARKER_SQ})//`,
  `\\'+(${SET_MARKER_SQ})//`,
  // A function name in generated source: `(function NAME() {...})`.
  `x(){},(${SET_MARKER_SQ})),(function`,
];

/** Payloads per class; each is specific: it names a marker built from the run's nonce. */
const PAYLOADS: Readonly<Record<LibraryClass, readonly string[]>> = {
  'prototype-pollution': ['{{NONCE}}'],
  'command-injection': [
    '$(touch {{MARK}})',
    ';touch {{MARK}};#',
    '|touch {{MARK}}|',
    '`touch {{MARK}}`',
    '& touch {{MARK}} &',
    '\ntouch {{MARK}}\n',
    '";touch {{MARK}};"',
    "';touch {{MARK}};'",
  ],
  'code-injection': CODE_PAYLOADS,
  // Serialized values the evaluating deserializer accepts: an expression, the same inside the object or array
  // literal a format check may require, a function marked for revival (node-serialize's IIFE), then breakouts.
  'unsafe-deserialization': [
    SET_MARKER,
    `{x:(${SET_MARKER})}`,
    `[(${SET_MARKER})]`,
    `{x:(function(){${SET_MARKER}})()}`,
    `{"x":"_$$ND_FUNC$$_function(){${SET_MARKER_SQ}}()"}`,
    ...CODE_PAYLOADS.slice(1),
  ],
  'path-traversal': ['{{CANARY_REL}}', '{{CANARY_ABS}}'],
  redos: ['{{ATTACK}}'],
};

const ORACLES: Readonly<Record<LibraryClass, string>> = {
  'prototype-pollution': 'Object.prototype (or Function.prototype) gains the property yagura_<nonce> with the value <nonce>',
  'command-injection': 'a shell creates the marker file /tmp/yagura-<nonce>-<n>',
  'code-injection': 'globalThis.yagura_<nonce> is set to <nonce> by evaluated code',
  'unsafe-deserialization': 'globalThis.yagura_<nonce> is set to <nonce> by code the deserializer evaluates',
  'path-traversal':
    'the call returns the content (a second random token) of the canary /tmp/yagura-canary-<nonce>/secret.txt, outside the package root; ' +
    'or, for a write, extracting a crafted tar or zip (entries ../../x, an absolute name, or a symlink ../.. then a file through it) ' +
    'writes a file carrying a random token outside the extraction root /tmp/yagura-slip-<nonce>/a/b/out',
  redos:
    'CPU time spent inside matches of the flagged pattern (any RegExp call when the finding names none) grows super-linearly ' +
    '(exponent >= 1.5) as the attack string grows; time spent outside regex calls does not count',
};

/** Names the flow points at: exported functions and methods first, then parameter and property names. */
export function flowHints(finding: Finding): { entries: string[]; keys: string[] } {
  const texts = [finding.message, ...finding.flow.map((s) => s.message)];
  const entries: string[] = [];
  const keys: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/(?:exported function|method|function)\s+([\w$.]+)/g)) {
      for (const part of (m[1] ?? '').split('.').reverse()) if (part !== '' && !entries.includes(part)) entries.push(part);
    }
  }
  // Functions the flow passes through: an exported one is a shorter way to the sink.
  for (const text of texts) {
    for (const m of text.matchAll(/passed to ([\w$.]+)\(\)/g)) {
      const name = (m[1] ?? '').split('.').pop() ?? '';
      if (name !== '' && name !== 'exports' && name !== 'constructor' && !entries.includes(name)) entries.push(name);
    }
  }
  for (const step of finding.flow) {
    const snippet = step.location.snippet ?? '';
    for (const m of snippet.matchAll(/\.\s*([A-Za-z_$][\w$]*)|\[\s*['"]([\w$-]+)['"]\s*\]/g)) {
      const key = m[1] ?? m[2];
      if (key !== undefined && !keys.includes(key) && keys.length < 12) keys.push(key);
    }
  }
  return { entries, keys };
}

/**
 * The tainted parameter of the flow's source: its name, and its position when the first step's line shows
 * the parameter list (`function f(a, b)`, `(a, b) =>`, `a =>`).
 */
export function sourceParameter(finding: Finding): { name: string; index?: number } | undefined {
  const first = finding.flow[0];
  const name = /parameter `([\w$]+)`/.exec(first?.message ?? finding.message)?.[1];
  if (name === undefined) return undefined;
  const snippet = first?.location.snippet ?? '';
  for (const m of snippet.matchAll(/\(([^()]*)\)|([\w$]+)\s*=>/g)) {
    const params = m[1] === undefined ? [m[2] ?? ''] : m[1].split(',');
    const index = params.findIndex((p) => p.trim().replace(/\s*=[\s\S]*$/, '').replace(/^\.\.\./, '') === name);
    if (index !== -1) return { name, index };
  }
  return { name };
}

/** Distinct file:line sites of the flow, where the witness looks for property paths read off the parameter. */
function flowSites(finding: Finding): { file: string; line: number }[] {
  const sites: { file: string; line: number }[] = [];
  for (const step of [...finding.flow.map((s) => s.location), finding.location]) {
    if (!sites.some((s) => s.file === step.file && s.line === step.startLine)) sites.push({ file: step.file, line: step.startLine });
  }
  return sites.slice(0, 16);
}

/** Whether the flow ends in a call that creates or replaces files (an extractor's write), not a read. */
function writesFiles(finding: Finding): boolean {
  const last = finding.flow[finding.flow.length - 1];
  const text = `${last?.location.snippet ?? ''} ${finding.location.snippet ?? ''}`;
  return /\b(?:createWriteStream|writeFile(?:Sync)?|appendFile(?:Sync)?|symlink(?:Sync)?|link(?:Sync)?|mkdir(?:Sync)?|rename(?:Sync)?|copyFile(?:Sync)?|unlink(?:Sync)?|chmod(?:Sync)?|utimes(?:Sync)?|lstat)\s*\(/.test(text);
}

/** Attack string parts from the redos rule's properties. */
function redosParts(
  finding: Finding,
): { pumps: { prefix: string; pump: string }[]; suffix: string; exponential: boolean; degree: number; pattern?: string } | undefined {
  const props = finding.properties ?? {};
  const pumps = props.pumps;
  if (!Array.isArray(pumps) || pumps.length === 0) return undefined;
  const parts: { prefix: string; pump: string }[] = [];
  for (const p of pumps as unknown[]) {
    if (typeof p !== 'object' || p === null) return undefined;
    const { prefix, pump } = p as Record<string, unknown>;
    if (typeof prefix !== 'string' || typeof pump !== 'string' || pump === '') return undefined;
    parts.push({ prefix, pump });
  }
  const suffix = typeof props.suffix === 'string' ? props.suffix : '';
  return {
    pumps: parts,
    suffix,
    exponential: props.complexity === 'exponential',
    degree: typeof props.degree === 'number' && props.degree >= 2 ? props.degree : 2,
    ...(typeof props.pattern === 'string' ? { pattern: props.pattern } : {}),
  };
}

/**
 * Whether the finding's sink evaluates text as code (`Function`, `eval`, `vm`): only then can a serialized
 * value set the marker. Format gadgets of other deserializers (YAML tags, class revivers) are not searched.
 */
function evaluatesCode(finding: Finding): boolean {
  if (finding.properties?.sinkKind === 'code-injection') return true;
  const last = finding.flow[finding.flow.length - 1];
  const text = `${last?.location.snippet ?? ''} ${finding.location.snippet ?? ''}`;
  return /\b(?:eval|Function|runIn(?:New|This)?Context|compileFunction|Script)\s*\(/.test(text);
}

/** Options of {@link createLibraryWitness}. */
export interface LibraryWitnessOptions {
  /** Wall-clock budget of the script in milliseconds. */
  readonly budgetMs: number;
  /** For `replay`: the call a search run reported. */
  readonly call?: Readonly<Record<string, unknown>>;
}

/**
 * A witness for a finding under the library threat model, or a reason why none can be written.
 * @example
 * const w = createLibraryWitness(finding, 'prototype-pollution', 'search', { budgetMs: 15_000 });
 */
export function createLibraryWitness(
  finding: Finding,
  cls: WitnessClass,
  mode: 'search' | 'replay',
  options: LibraryWitnessOptions,
): Witness | { readonly unsupported: string } {
  if (!isLibraryClass(cls)) return { unsupported: `no library witness for ${cls}` };
  if (mode === 'replay' && options.call === undefined) return { unsupported: 'a replay witness needs the reproduced call' };
  if (cls === 'unsafe-deserialization' && !evaluatesCode(finding)) {
    return { unsupported: 'no library witness for a deserializer that does not evaluate its input as code' };
  }
  const hints = flowHints(finding);
  const param = sourceParameter(finding);
  // The package's main and the module of the exported function whose parameter is the source: the flow the
  // finding claims starts there. Calling the sink's module directly would skip the guards of the exported
  // function (a type check in the API, the sink in an internal helper) and prove a flow no caller has.
  const sourceFile = finding.flow[0]?.location.file ?? finding.location.file;
  const modules = ['.', `./${sourceFile}`].filter((m, i, all) => all.indexOf(m) === i);
  const keyShapes: Shape[] = hints.keys.flatMap((k) => [[{ [k]: '{{P}}' }], ['x', { [k]: '{{P}}' }]]);
  let extra: Record<string, unknown> = {};
  if (cls === 'redos') {
    const parts = redosParts(finding);
    if (parts === undefined) return { unsupported: 'the finding carries no attack string (pumps)' };
    extra = {
      pumps: parts.pumps,
      suffix: parts.suffix,
      ...(parts.pattern === undefined ? {} : { pattern: parts.pattern }),
      startPumps: parts.exponential ? 8 : 64,
      // Exponential: one pump more per step; polynomial of degree d: lengths grow by 4^(1/d), about 4x time per step.
      stepPumps: parts.exponential ? 1 : 0,
      growth: Math.max(1.25, 4 ** (1 / parts.degree)),
      stepCost: 4,
      probePumps: parts.exponential ? 24 : 8192,
      probeMillis: 2,
      minMillis: 40,
      maxMillis: 1500,
      maxLength: 4_000_000,
      minExponent: 1.5,
    };
  }
  const settleMs = cls === 'command-injection' ? 15 : 50;
  const config = {
    cls,
    mode,
    budgetMs: options.budgetMs,
    searchMs: Math.max(1000, options.budgetMs - 2500),
    settleMs,
    modules,
    hints: hints.entries,
    ...(param === undefined ? {} : { param }),
    sites: flowSites(finding),
    writeSink: cls === 'path-traversal' && writesFiles(finding),
    shapes: [...SHAPES[cls], ...(cls === 'redos' ? [] : keyShapes)],
    payloads: PAYLOADS[cls],
    followUpArgs: cls === 'prototype-pollution' ? [{}, '{{P}}'] : [],
    ...(options.call === undefined ? {} : { call: options.call }),
    ...extra,
  };
  const callText = options.call === undefined ? `exports of ${modules.join(', ')}` : describeCall(options.call);
  return {
    cls,
    threatModel: 'library',
    mode,
    fileName: '.yagura-witness.cjs',
    script: LIBRARY_RUNTIME.replace('__CONFIG__', () => JSON.stringify(config)).replace('__ARCHIVE__', () => ARCHIVE_RUNTIME),
    payload: mode === 'replay' ? callText : `search over ${callText}`,
    oracle: ORACLES[cls],
    network: 'none',
    timeoutMs: options.budgetMs + 5000,
    nodeArgs: [],
  };
}

/** One line describing a reproduced library call. */
export function describeCall(call: Readonly<Record<string, unknown>>): string {
  const module = typeof call.module === 'string' ? call.module : '.';
  const path = Array.isArray(call.exportPath) ? (call.exportPath as unknown[]).map(String).join('.') : '';
  const target = `require(${JSON.stringify(module)})${path === '' ? '' : `.${path}`}`;
  const prime = typeof call.prime === 'string' ? `.${call.prime}("__proto__")` : '';
  const method =
    typeof call.method !== 'string'
      ? target
      : call.factory === true
        ? `${target}()${prime}.${call.method}`
        : call.construct === true
          ? `new ${target}(${call.bare === true ? '' : '...'})${prime}.${call.method}`
          : target;
  return `${method}(${JSON.stringify(call.shape)}) with payload ${JSON.stringify(call.payload)}`;
}

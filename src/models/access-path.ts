import { AppError } from '../core/index.js';
import type { LibraryModel, ModelRoot } from '../core/index.js';

/** One token of an access path (src/core/model.ts documents the syntax). */
export type AccessPathToken =
  | { readonly kind: 'Member'; readonly names: readonly string[] }
  | { readonly kind: 'AnyMember' }
  | { readonly kind: 'Argument' | 'Parameter'; readonly indices: readonly number[]; readonly from?: number }
  | { readonly kind: 'ReturnValue' | 'Instance' | 'Awaited' | 'Receiver' };

/** An access path that does not follow the models-as-data syntax. */
export class AccessPathSyntaxError extends AppError {
  readonly code = 'ACCESS_PATH_INVALID';
  constructor(
    readonly path: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Invalid access path "${path}": ${detail}`, options);
  }
}

const BARE_TOKENS = new Set(['AnyMember', 'ReturnValue', 'Instance', 'Awaited', 'Receiver']);
const MEMBER_NAME = /^[A-Za-z_$][\w$-]*$/;

/**
 * Parse an access path such as `ReturnValue.Member[get,post].Argument[1..].Parameter[0]` into tokens.
 * The empty string is the root itself. Throws {@link AccessPathSyntaxError} on malformed paths.
 */
export function parseAccessPath(path: string): AccessPathToken[] {
  if (path === '') return [];
  return splitTokens(path).map((raw) => parseToken(path, raw));
}

/** Split on dots that are not inside brackets (member names never contain dots or brackets). */
function splitTokens(path: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '.' && depth === 0) {
      tokens.push(path.slice(start, i));
      start = i + 1;
    }
    if (depth < 0 || depth > 1) throw new AccessPathSyntaxError(path, 'unbalanced brackets');
  }
  if (depth !== 0) throw new AccessPathSyntaxError(path, 'unbalanced brackets');
  tokens.push(path.slice(start));
  return tokens;
}

function parseToken(path: string, raw: string): AccessPathToken {
  if (BARE_TOKENS.has(raw)) return { kind: raw as 'AnyMember' | 'ReturnValue' | 'Instance' | 'Awaited' | 'Receiver' };
  const match = /^(Member|Argument|Parameter)\[([^\]]*)\]$/.exec(raw);
  if (!match) throw new AccessPathSyntaxError(path, `unknown token "${raw}"`);
  const [, kind, body = ''] = match;
  if (kind === 'Member') {
    const names = body.split(',').map((n) => n.trim());
    if (names.some((n) => !MEMBER_NAME.test(n))) throw new AccessPathSyntaxError(path, `bad member list "${body}"`);
    return { kind: 'Member', names };
  }
  return parseIndices(path, kind as 'Argument' | 'Parameter', body);
}

/** `0`, `0,2`, `1..` (open range); a range may only come last. */
function parseIndices(path: string, kind: 'Argument' | 'Parameter', body: string): AccessPathToken {
  const parts = body.split(',').map((p) => p.trim());
  const indices: number[] = [];
  let from: number | undefined;
  for (const [i, part] of parts.entries()) {
    const range = /^(\d+)\.\.$/.exec(part);
    if (range && i === parts.length - 1) {
      from = Number(range[1]);
      continue;
    }
    if (!/^\d+$/.test(part)) throw new AccessPathSyntaxError(path, `bad index "${part}" in ${kind}`);
    indices.push(Number(part));
  }
  return from === undefined ? { kind, indices } : { kind, indices, from };
}

/** Whether a root names exactly one of module, global or method, with a non-empty name. */
function checkRoot(root: ModelRoot): string | undefined {
  const keys = Object.keys(root);
  if (keys.length !== 1) return `root must have exactly one of module/global/method, got ${keys.join(',')}`;
  const value = Object.values(root)[0] as unknown;
  return typeof value === 'string' && value.length > 0 ? undefined : 'root name is empty';
}

/**
 * Check every root and access path of a model. Returns one message per problem (empty when valid),
 * so a test can print them all at once.
 */
export function validateLibraryModel(model: LibraryModel): string[] {
  const problems: string[] = [];
  const check = (where: string, root: ModelRoot | undefined, paths: readonly string[]): void => {
    if (root) {
      const bad = checkRoot(root);
      if (bad) problems.push(`${model.id} ${where}: ${bad}`);
    }
    for (const p of paths) {
      try {
        parseAccessPath(p);
      } catch (error: unknown) {
        if (error instanceof AccessPathSyntaxError) problems.push(`${model.id} ${where}: ${error.message}`);
        else throw error;
      }
    }
  };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(model.id)) problems.push(`${model.id}: id is not kebab-case`);
  model.sources?.forEach((s, i) => {
    check(`sources[${i}]`, s.root, [s.path]);
  });
  model.sinks?.forEach((s, i) => {
    const conditions = [...(s.conditions ?? []), ...(s.unless ?? [])].map((c) => c.path);
    check(`sinks[${i}]`, s.root, [s.path, ...conditions]);
  });
  model.sanitizers?.forEach((s, i) => {
    check(`sanitizers[${i}]`, s.root, [s.path]);
  });
  model.guards?.forEach((g, i) => {
    check(`guards[${i}]`, g.root, [g.path]);
  });
  model.propagators?.forEach((p, i) => {
    check(`propagators[${i}]`, p.root, [p.path, p.from, p.to]);
  });
  return problems;
}

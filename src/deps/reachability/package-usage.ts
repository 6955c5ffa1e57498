import { parseSync } from 'oxc-parser';

import type { Diagnostic, Location, SourceFile } from '../../core/index.js';

/** `(module)`: the package's export itself is called (`minimist(argv)`, `require('x')()`). */
export const MODULE_CALL = '(module)';

/** Where a package is imported. */
export interface ImportSite {
  readonly pkg: string;
  /** Subpath after the package name (`template` for `lodash/template`), or `''`. */
  readonly subpath: string;
  readonly location: Location;
}

/** A call of an export of a package: `_.template(...)`, `template(...)`, `minimist(...)`. */
export interface CallSite {
  readonly pkg: string;
  /** Export called: a member name, or {@link MODULE_CALL}; for `lodash/template` it is `template`. */
  readonly fn: string;
  readonly importSite: ImportSite;
  readonly location: Location;
}

/** What the project's own code does with its dependencies, from a syntactic pass over every file. */
export interface PackageUsage {
  readonly imports: readonly ImportSite[];
  readonly calls: readonly CallSite[];
  /** Packages whose imported value also flows somewhere Yagura does not follow (passed as a value, computed member, re-export). */
  readonly escapes: ReadonlySet<string>;
  /** Exports read without being called (`const t = _.template`): they may be called elsewhere. */
  readonly references: readonly { readonly pkg: string; readonly fn: string }[];
  /** Files that could not be parsed, and files with `require`/`import()` of a non-constant name. */
  readonly incomplete: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

interface Binding {
  readonly site: ImportSite;
  /** `*` namespace or CommonJS module value, `default`, or a named export. */
  readonly member: string;
  /** Offset of the binding's own identifier, which is not a use. */
  readonly declaredAt: number;
}

type AstNode = Record<string, unknown> & { type: string; start: number; end: number };

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const SOURCE_EXT = /\.(?:js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;

/** `lodash/template` -> { pkg: lodash, subpath: template }; `@scope/a/b` -> { @scope/a, b }; relative and node: -> undefined. */
export function packageOfSpecifier(specifier: string): { pkg: string; subpath: string } | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  const take = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < take || parts.some((p) => p === '')) return undefined;
  return { pkg: parts.slice(0, take).join('/'), subpath: parts.slice(take).join('/') };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function locate(file: string, text: string, starts: readonly number[], start: number, end: number): Location {
  const pos = (offset: number): [number, number] => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - (starts[lo] ?? 0) + 1];
  };
  const [startLine, startColumn] = pos(start);
  const [endLine, endColumn] = pos(end);
  const lineText = text.slice(starts[startLine - 1] ?? 0, starts[startLine] ?? text.length).trim();
  return { file, startLine, startColumn, endLine, endColumn, snippet: lineText.slice(0, 200) };
}

function stringLiteral(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const quasi: unknown = (node.quasis as unknown[] | undefined)?.[0];
    const cooked = isNode(quasi) ? (quasi.value as { cooked?: unknown } | undefined)?.cooked : undefined;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  return undefined;
}

function requireArgument(node: unknown): { spec: string | undefined; call: AstNode } | undefined {
  if (!isNode(node) || node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (!isNode(callee) || callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  const args = node.arguments as unknown[];
  return { spec: stringLiteral(args[0]), call: node };
}

function propertyName(node: AstNode): string | undefined {
  if (node.computed === true) return stringLiteral(node.property);
  const prop = node.property;
  return isNode(prop) && typeof prop.name === 'string' ? prop.name : undefined;
}

/**
 * Find the imports of packages and the calls of their exports in the project's files. Syntactic and
 * per file: names are not scope-resolved (a parameter shadowing an import is taken for the import),
 * and values are not followed through assignments; a use that is not a call marks the package as escaping.
 */
export function collectPackageUsage(files: readonly SourceFile[]): PackageUsage {
  const imports: ImportSite[] = [];
  const calls: CallSite[] = [];
  const escapes = new Set<string>();
  const references: { pkg: string; fn: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  let incomplete = false;
  for (const f of files) {
    if (!SOURCE_EXT.test(f.path) || /\.d\.[cm]?ts$/.test(f.path)) continue;
    const lang = f.path.endsWith('.tsx') ? 'tsx' : /\.[cm]?ts$/.test(f.path) ? 'ts' : 'jsx';
    const sourceType = /\.c[jt]s$/.test(f.path) ? 'script' : /\.m[jt]s$/.test(f.path) ? 'module' : 'unambiguous';
    let program: unknown;
    let failure: string | undefined;
    try {
      const result = parseSync(f.path, f.text, { lang, sourceType });
      // Severity is a const enum, which isolatedModules cannot import: compare its string value.
      failure = result.errors.find((e) => (e.severity as string) === 'Error')?.message;
      program = result.program;
    } catch (error: unknown) {
      failure = `parser crashed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (failure !== undefined) {
      incomplete = true;
      diagnostics.push({ code: 'PARSE_FAILED', file: f.path, message: failure });
      continue;
    }
    const starts = lineStartsOf(f.text);
    const at = (node: AstNode): Location => locate(f.path, f.text, starts, node.start, node.end);
    const bindings = new Map<string, Binding>();
    // Nodes already accounted for: declarator inits (pass 1) and callees of recorded calls (pass 2).
    const handled = new Set<AstNode>();
    const addImport = (spec: string, node: AstNode): ImportSite | undefined => {
      const p = packageOfSpecifier(spec);
      if (!p) return undefined;
      const site = { pkg: p.pkg, subpath: p.subpath, location: at(node) };
      imports.push(site);
      return site;
    };
    const fnOf = (b: Binding, member: string | undefined): string | undefined => {
      // `lodash/template` exports the one function: calling the module calls `template`.
      const self = b.site.subpath === '' ? MODULE_CALL : b.site.subpath.split('/').pop() ?? MODULE_CALL;
      if (member === undefined) return b.member === '*' || b.member === 'default' ? self : b.member;
      return b.member === '*' || b.member === 'default' ? member : undefined;
    };
    // Pass 1: bindings from import declarations and `const x = require(...)`.
    const declare = (node: AstNode): void => {
      if (node.type === 'ImportDeclaration') {
        const spec = stringLiteral(node.source);
        const site = spec === undefined ? undefined : addImport(spec, node);
        if (!site) return;
        for (const s of (node.specifiers as AstNode[] | undefined) ?? []) {
          const local = s.local as AstNode & { name: string };
          const imported = s.imported as (AstNode & { name?: string; value?: string }) | undefined;
          const member =
            s.type === 'ImportNamespaceSpecifier' ? '*' : s.type === 'ImportDefaultSpecifier' ? 'default' : (imported?.name ?? imported?.value ?? 'default');
          bindings.set(local.name, { site, member, declaredAt: local.start });
        }
        return;
      }
      if ((node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
        const spec = stringLiteral(node.source);
        const site = spec === undefined ? undefined : addImport(spec, node);
        if (site) escapes.add(site.pkg);
        return;
      }
      if (node.type === 'VariableDeclarator') {
        let init = node.init;
        if (isNode(init) && init.type === 'AwaitExpression') init = init.argument;
        let member = '*';
        if (isNode(init) && init.type === 'MemberExpression') {
          const name = propertyName(init);
          if (name === undefined) return;
          member = name;
          init = init.object;
        }
        const req = requireArgument(init);
        const dyn = isNode(init) && init.type === 'ImportExpression' ? stringLiteral(init.source) : undefined;
        const spec = req?.spec ?? dyn;
        if (spec === undefined || !isNode(init)) return;
        const site = addImport(spec, init);
        handled.add(init);
        if (!site) return;
        const id = node.id as AstNode;
        if (id.type === 'Identifier') bindings.set(id.name as string, { site, member, declaredAt: id.start });
        else if (id.type === 'ObjectPattern' && member === '*') {
          for (const p of (id.properties as AstNode[] | undefined) ?? []) {
            const key = p.key as AstNode | undefined;
            const value = p.value as AstNode | undefined;
            const name = key && typeof key.name === 'string' ? key.name : stringLiteral(key);
            if (p.type === 'Property' && name !== undefined && value?.type === 'Identifier') {
              bindings.set(value.name as string, { site, member: name, declaredAt: value.start });
            } else escapes.add(site.pkg);
          }
        } else escapes.add(site.pkg);
      }
    };
    // Pass 2 (pre-order, so a call is seen before its callee): calls, other imports, escaping uses.
    const use = (node: AstNode, parent: AstNode | undefined, key: string): void => {
      if (handled.has(node)) return;
      if (node.type === 'CallExpression') {
        const callee = node.callee as AstNode;
        const target = callee.type === 'MemberExpression' ? (callee.object as AstNode) : callee;
        const member = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
        if (callee.type === 'MemberExpression' && member === undefined) return;
        const binding = target.type === 'Identifier' ? bindings.get(target.name as string) : undefined;
        const req = requireArgument(target);
        if (binding) {
          const fn = fnOf(binding, member);
          if (fn !== undefined) calls.push({ pkg: binding.site.pkg, fn, importSite: binding.site, location: at(node) });
          handled.add(target);
        } else if (req?.spec !== undefined) {
          const site = addImport(req.spec, req.call);
          if (site) {
            const fn = fnOf({ site, member: '*', declaredAt: -1 }, member);
            if (fn !== undefined) calls.push({ pkg: site.pkg, fn, importSite: site, location: at(node) });
          }
          handled.add(req.call);
        }
      }
      const req = requireArgument(node);
      if (req) {
        if (req.spec === undefined) incomplete = true;
        else {
          const site = addImport(req.spec, node);
          // A bare `require('x');` statement loads the module for its side effects only.
          if (site && parent?.type !== 'ExpressionStatement') escapes.add(site.pkg);
        }
        return;
      }
      if (node.type === 'ImportExpression') {
        const spec = stringLiteral(node.source);
        if (spec === undefined) incomplete = true;
        else {
          const site = addImport(spec, node);
          if (site && parent?.type !== 'ExpressionStatement') escapes.add(site.pkg);
        }
        return;
      }
      if (node.type === 'Identifier') {
        const b = bindings.get(node.name as string);
        const isName =
          (parent?.type === 'MemberExpression' && key === 'property' && parent.computed !== true) ||
          (parent?.type === 'Property' && key === 'key' && parent.computed !== true) ||
          parent?.type === 'ImportSpecifier' ||
          parent?.type === 'ImportDefaultSpecifier' ||
          parent?.type === 'ImportNamespaceSpecifier';
        if (!b || isName || node.start === b.declaredAt) return;
        const member = parent?.type === 'MemberExpression' && key === 'object' ? propertyName(parent) : undefined;
        const fn = member === undefined ? undefined : fnOf(b, member);
        if (fn !== undefined) references.push({ pkg: b.site.pkg, fn });
        else escapes.add(b.site.pkg);
      }
    };
    walk(program, undefined, '', (node) => {
      declare(node);
    });
    walk(program, undefined, '', use);
  }
  return { imports, calls, escapes, references, incomplete, diagnostics };
}

function walk(node: unknown, parent: AstNode | undefined, key: string, visit: (node: AstNode, parent: AstNode | undefined, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, parent, key, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node, parent, key);
  for (const [k, child] of Object.entries(node)) {
    if (typeof child !== 'object' || child === null) continue;
    walk(child, node, k, visit);
  }
}

import type { SourceFile } from '../../core/index.js';

/** What a package.json says about entry points. */
export interface PackageInfo {
  /** Folder of the package.json, '' for the root, no trailing slash. */
  readonly dir: string;
  readonly name?: string;
  readonly main?: string;
  /** The ES-module entry bundlers load (`module` field); an entry point of the library's API, not used to resolve. */
  readonly module?: string;
  /** Entry targets listed under `exports` (every condition), relative to `dir`. */
  readonly exportTargets: readonly string[];
  /**
   * Without `exports` every file can be required (`require('pkg/compiler')`): the code files the package
   * names one by one in `files` are public modules beside `main`.
   */
  readonly listedFiles?: readonly string[];
  readonly dependencies: readonly string[];
}

/** Files and package.json facts that module resolution needs. */
export interface ResolutionContext {
  readonly files: ReadonlySet<string>;
  /** By folder. */
  readonly packages: ReadonlyMap<string, PackageInfo>;
}

const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts'];

function collectTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectTargets(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectTargets(v, out);
}

/** A single code file named in `files` (`compiler.js`, `lib/set.js`), not a folder or a glob. */
const CODE_FILE = /^[^*?{}[\]!]+\.[cm]?[jt]s$/;
/** Minified bundles (`x-min.js`, `x.min.js`): a copy of sources the package has too, never an entry of its own. */
export const MINIFIED = /[.-]min\.[cm]?js$/;

/** Read a package.json; malformed ones are ignored (they are not code). */
export function readPackageInfo(file: SourceFile): PackageInfo | undefined {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (!json || typeof json !== 'object') return undefined;
  const pkg = json as Record<string, unknown>;
  const exportTargets: string[] = [];
  collectTargets(pkg.exports, exportTargets);
  const deps = pkg.dependencies && typeof pkg.dependencies === 'object' ? Object.keys(pkg.dependencies) : [];
  // Minified bundles (`x-min.js`, `x.min.js`) repeat a listed source file: not entries of their own.
  const listed = pkg.exports === undefined && Array.isArray(pkg.files) ? pkg.files.filter((f): f is string => typeof f === 'string' && CODE_FILE.test(f) && !MINIFIED.test(f)) : [];
  return {
    dir: dirname(file.path),
    ...(typeof pkg.name === 'string' ? { name: pkg.name } : {}),
    ...(typeof pkg.main === 'string' ? { main: pkg.main } : {}),
    ...(typeof pkg.module === 'string' ? { module: pkg.module } : {}),
    exportTargets: exportTargets.filter((t) => t.startsWith('.')),
    ...(listed.length > 0 ? { listedFiles: listed } : {}),
    dependencies: deps,
  };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Join and normalise `a/b/../c` (POSIX, relative to the scanned root). */
export function joinPath(dir: string, rel: string): string {
  const parts: string[] = [];
  for (const p of `${dir}/${rel}`.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Find an existing file for `base`: exact, with an extension, TS source of a `.js` import, or an index file. */
export function probeFile(ctx: ResolutionContext, base: string, depth = 0): string | undefined {
  if (ctx.files.has(base)) return base;
  for (const ext of EXTENSIONS) if (ctx.files.has(base + ext)) return base + ext;
  const jsExt = /\.(m|c)?js$/.exec(base);
  if (jsExt) {
    const stem = base.slice(0, -jsExt[0].length);
    for (const ext of ['.ts', '.tsx', '.mts', '.cts']) if (ctx.files.has(stem + ext)) return stem + ext;
  }
  const pkg = ctx.packages.get(base);
  if (pkg && depth < 3) {
    for (const entry of packageEntries(pkg)) {
      const hit = probeFile(ctx, joinPath(base, entry), depth + 1);
      if (hit) return hit;
    }
  }
  for (const ext of EXTENSIONS) if (ctx.files.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}

/** Entry points a package declares: `exports` targets, then `main`, then `index`. */
export function packageEntries(pkg: PackageInfo): string[] {
  const out = [...pkg.exportTargets];
  if (pkg.main) out.push(pkg.main);
  if (out.length === 0) out.push('index');
  return out;
}

/** Outcome of resolving an import specifier. */
export type Resolution =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'external'; readonly module: string }
  | { readonly kind: 'unresolved' };

/**
 * Resolve `spec` imported from `fromFile`: relative paths within the scanned files, a package's own
 * name (self-reference), packages vendored under `node_modules/`; any other bare name is external.
 */
export function resolveModule(ctx: ResolutionContext, fromFile: string, spec: string): Resolution {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const hit = probeFile(ctx, joinPath(spec.startsWith('/') ? '' : dirname(fromFile), spec));
    return hit ? { kind: 'file', path: hit } : { kind: 'unresolved' };
  }
  const name = spec.startsWith('node:') ? spec.slice(5) : spec;
  const parts = name.split('/');
  const pkgName = name.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? name);
  const sub = name.slice(pkgName.length);
  for (const pkg of ctx.packages.values()) {
    if (pkg.name !== pkgName) continue;
    const hit = probeFile(ctx, sub ? joinPath(pkg.dir, `.${sub}`) : pkg.dir);
    if (hit) return { kind: 'file', path: hit };
  }
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const hit = probeFile(ctx, joinPath(dir, `node_modules/${name}`));
    if (hit) return { kind: 'file', path: hit };
    if (dir === '') break;
  }
  return { kind: 'external', module: name };
}

import type { Node } from 'oxc-parser';

import type { Location } from '../../core/index.js';

import type { ParsedFile } from '../parse/parse-files.js';
import { locationOf } from '../parse/parse-files.js';
import type { Interpreter } from '../taint/interpreter.js';
import type { FunctionInfo } from '../taint/program-model.js';
import { readsArguments } from '../taint/program-model.js';
import { stepsOf } from '../taint/sinks.js';
import type { SourceOrigin, Value } from '../taint/value.js';
import { ENTRY_PARAMETER_KEY, funcRef, makeTaint, makeValue, taintOnly, taintWith } from '../taint/value.js';
import type { PackageInfo, ResolutionContext } from './resolve-module.js';
import { importsOf } from './call-graph.js';
import { dirname, joinPath, MINIFIED, packageEntries, probeFile } from './resolve-module.js';

const NON_ENTRY = /(^|\/)(node_modules|test|tests|__tests__|spec|examples?|fixtures|bench|scripts?)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

/** Entry modules of a library: the root package's `exports`/`main`/`module`, code files listed in `files` and root modules those never load, or every non-test module without one. */
export function entryModules<F extends Pick<ParsedFile, 'path' | 'text'>>(parsed: readonly F[], root: PackageInfo | undefined, ctx: ResolutionContext): F[] {
  const byPath = new Map(parsed.map((f) => [f.path, f]));
  if (root) {
    const out: F[] = [];
    // Bundlers load `module` instead of `main`: often separate sources (ESM modules beside a UMD build).
    for (const entry of [...packageEntries(root), ...(root.module !== undefined ? [root.module] : []), ...(root.listedFiles ?? [])]) {
      const hit = probeFile(ctx, joinPath(root.dir, entry));
      const f = hit ? byPath.get(hit) : undefined;
      if (f && !out.includes(f)) out.push(f);
    }
    if (out.length > 0) out.push(...unloadedRootModules(parsed, root, ctx, out));
    if (out.length > 0) return out;
  }
  return parsed.filter((f) => !NON_ENTRY.test(f.path));
}

/** Build and tool configuration at a package root (`gulpfile.js`, `webpack.config.js`, `.eslintrc.js`), never required by users. */
const BUILD_SCRIPT = /^(?:gulpfile|gruntfile|[\w.-]+\.config|[\w.-]+\.conf|\.[\w.-]+)\.[cm]?[jt]s$/i;

/**
 * Without `exports` every file can be required (`require('lodash/trim')`): a module at the package root that the
 * declared entries never load is there for its users to require directly, an entry too. Private names
 * (`_baseTrim.js`), build scripts and minified bundles are not.
 */
function unloadedRootModules<F extends Pick<ParsedFile, 'path' | 'text'>>(parsed: readonly F[], root: PackageInfo, ctx: ResolutionContext, declared: readonly F[]): F[] {
  if (root.exportTargets.length > 0) return [];
  const byPath = new Map(parsed.map((f) => [f.path, f]));
  const loaded = new Set(declared.map((f) => f.path));
  const queue = [...declared];
  for (let f = queue.pop(); f; f = queue.pop()) {
    for (const { resolution } of importsOf(f, ctx)) {
      const next = resolution.kind === 'file' ? byPath.get(resolution.path) : undefined;
      if (next && !loaded.has(next.path)) {
        loaded.add(next.path);
        queue.push(next);
      }
    }
  }
  return parsed.filter((f) => {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    return dirname(f.path) === root.dir && !loaded.has(f.path) && !name.startsWith('_') && !BUILD_SCRIPT.test(name) && !MINIFIED.test(name) && !NON_ENTRY.test(f.path);
  });
}

function paramName(file: ParsedFile, p: Node): string {
  const target = p.type === 'AssignmentPattern' ? p.left : p.type === 'RestElement' ? p.argument : p;
  return target.type === 'Identifier' ? target.name : file.text.slice(target.start, Math.min(target.end, target.start + 40));
}

/** Arguments beyond the declared parameters given to a function that reads `arguments` (`extend(deep, target, src)`). */
const EXTRA_ARGUMENTS = 3;

function libraryArgs(fn: FunctionInfo, exportName: string): Value[] {
  const own = fn.name !== '<anonymous>' && fn.name !== 'default' ? fn.name : exportName;
  const what = fn.name.includes('.') ? `method ${fn.name}` : `exported function ${own}`;
  const input = (key: string, description: string, location: Location, text: string): Value => {
    const origin: SourceOrigin = { kind: 'source', key, label: 'library-input', description, location, text };
    return taintOnly([makeTaint(origin, undefined, 0, false)]);
  };
  const args = fn.node.params.map((p) => {
    const name = paramName(fn.file, p);
    return input(`${ENTRY_PARAMETER_KEY}${fn.id}:${p.start}`, `parameter \`${name}\` of ${what}`, locationOf(fn.file, p.start, p.end), name);
  });
  if (readsArguments(fn) && !fn.node.params.some((p) => p.type === 'RestElement')) {
    const at = locationOf(fn.file, fn.node.start, fn.node.start);
    for (let i = args.length, n = args.length + EXTRA_ARGUMENTS; i < n; i++) args.push(input(`${ENTRY_PARAMETER_KEY}${fn.id}:arguments:${i}`, `\`arguments[${i}]\` of ${what}`, at, `arguments[${i}]`));
  }
  return args;
}

/**
 * Library threat model: call every exported function, exported class constructor and method of the
 * entry modules (and what they re-export) with attacker-controlled arguments.
 */
export function runLibraryEntryPoints(interp: Interpreter, entries: readonly ParsedFile[]): void {
  const visitedFns = new Set<number>();
  const visitedClasses = new Set<number>();
  // `owner`: the object a function was read from, its `this` when called as `owner.method()`.
  const visit = (v: Value, name: string, depth: number, owner?: Value): void => {
    for (const f of v.funcs) {
      const fn = interp.functions[f.fnId];
      if (!fn || visitedFns.has(fn.id)) continue;
      visitedFns.add(fn.id);
      const result = interp.callAsEntry(fn, f.thisVal ?? owner, libraryArgs(fn, name));
      for (const regex of result.regexes ?? []) interp.exposeRegex(regex, `returned by exported function ${fn.name !== '<anonymous>' && fn.name !== 'default' ? fn.name : name}`);
      // A factory's result is API too (`module.exports = function () { return { run } }`); its methods run
      // on the object built from the attacker's arguments (`send(req, path).redirect()` reads `this.path`).
      if (depth < 2) visit(result, name, depth + 1);
      if (depth < 2 && fn.summary) visit(fn.summary.ret, name, depth + 1);
    }
    for (const c of v.classes) {
      const cls = interp.classes[c.classId];
      if (!cls || visitedClasses.has(cls.id)) continue;
      visitedClasses.add(cls.id);
      const inst = interp.constructAsEntry(cls, cls.ctor ? libraryArgs(cls.ctor, cls.name) : []);
      for (const m of cls.methods.values()) {
        if (m.name.includes('#')) continue;
        if (!visitedFns.has(m.id)) {
          visitedFns.add(m.id);
          interp.callAsEntry(m, inst, libraryArgs(m, m.name));
        }
      }
      for (const m of cls.staticMethods.values()) visit(makeValue({ funcs: [funcRef(m.id)] }), m.name, depth + 1);
    }
    for (const regex of v.regexes ?? []) interp.exposeRegex(regex, `exported as ${name}`);
    if (depth < 3) for (const [k, pv] of v.props ?? []) visit(pv, k === 'default' ? name : k, depth + 1, v);
    for (const inst of v.instances) {
      const cls = interp.classes[inst.classId];
      if (!cls) continue;
      for (const m of cls.methods.values()) {
        if (visitedFns.has(m.id)) continue;
        visitedFns.add(m.id);
        interp.callAsEntry(m, v, libraryArgs(m, m.name));
      }
    }
  };
  for (const file of entries) {
    const exportsVal = interp.evaluateModule(file);
    visit(exportsVal, file.path.replace(/^.*\//, '').replace(/\.[^.]+$/, ''), 0);
  }
}

/**
 * Library threat model: SQL text a function builds by quoting its own parameter (`` `[${name}]` ``, see
 * sql-context.ts) is checked whether or not an entry point reaches the function: a quoting helper must be
 * safe for every input, and SQL dialects are often loaded by a computed `require` the engine does not follow.
 */
export function reportSqlQuotedParameters(interp: Interpreter): void {
  const reported = new Set(interp.flows.map((f) => `${f.site.location.file}:${f.site.location.startLine}:${f.site.location.startColumn}`));
  for (const fn of interp.functions) {
    for (const hit of fn.summary?.sinks ?? []) {
      const origin = hit.taint.origin;
      if (hit.site.details?.context !== 'sql-quoted' || origin.kind !== 'param' || origin.fn !== fn.id) continue;
      const at = `${hit.site.location.file}:${hit.site.location.startLine}:${hit.site.location.startColumn}`;
      if (reported.has(at)) continue;
      const source = libraryArgs(fn, fn.name)[origin.index]?.taints[0]?.origin;
      if (source?.kind !== 'source' || !hit.site.labels.has(source.label)) continue;
      reported.add(at);
      interp.flows.push({ site: hit.site, source, steps: stepsOf(taintWith(hit.taint, { origin: source }), hit.site), weak: hit.taint.weak });
    }
  }
}

import type { Location } from '../../core/index.js';
import type { ProgramModel } from '../analyze.js';
import { locationOf } from '../parse/parse-files.js';
import type { ParsedFile } from '../parse/parse-files.js';
import { resolveModule } from './resolve-module.js';

/** A function of the analysed program, as call-graph queries return it. */
export interface CallGraphFunction {
  readonly id: number;
  /** `f`, `Class.method`, `<anonymous>`. */
  readonly name: string;
  readonly location: Location;
}

function describe(program: ProgramModel, id: number): CallGraphFunction | undefined {
  const fn = program.interpreter.functions[id];
  if (!fn) return undefined;
  return { id, name: fn.name, location: locationOf(fn.file, fn.node.start, fn.node.end) };
}

function findIds(program: ProgramModel, file: string, name: string): number[] {
  return program.interpreter.functions.filter((f) => f.file.path === file && (f.name === name || f.name.endsWith(`.${name}`))).map((f) => f.id);
}

/**
 * Functions that call function `name` of `file` (resolved calls seen during the analysis).
 * @example callersOf(buildProgram(input, options), 'lib/run.js', 'run')
 */
export function callersOf(program: ProgramModel, file: string, name: string): CallGraphFunction[] {
  const targets = new Set(findIds(program, file, name));
  const out: CallGraphFunction[] = [];
  for (const [caller, callees] of program.interpreter.callEdges) {
    if (caller < 0 || ![...callees].some((c) => targets.has(c))) continue;
    const d = describe(program, caller);
    if (d) out.push(d);
  }
  return out;
}

/** Functions that function `name` of `file` calls (resolved calls seen during the analysis). */
export function calleesOf(program: ProgramModel, file: string, name: string): CallGraphFunction[] {
  const out = new Map<number, CallGraphFunction>();
  for (const id of findIds(program, file, name)) {
    for (const c of program.interpreter.callEdges.get(id) ?? []) {
      const d = describe(program, c);
      if (d) out.set(c, d);
    }
  }
  return [...out.values()];
}

/** Import specifiers of a parsed file with what they resolve to (`file`, `external`, `unresolved`). */
export function importsOf(file: Pick<ParsedFile, 'path' | 'text'>, ctx: Parameters<typeof resolveModule>[0]): { specifier: string; resolution: ReturnType<typeof resolveModule> }[] {
  const specs: string[] = [];
  const re = /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of file.text.matchAll(re)) {
    const s = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (s !== undefined && !specs.includes(s)) specs.push(s);
  }
  return specs.map((specifier) => ({ specifier, resolution: resolveModule(ctx, file.path, specifier) }));
}

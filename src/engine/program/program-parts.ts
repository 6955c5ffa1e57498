import type { SourceFile } from '../../core/index.js';
import { importsOf } from './call-graph.js';
import type { ResolutionContext } from './resolve-module.js';

/**
 * The independent parts of a program: groups of code files that no import connects to another group (a package's
 * source tree, beside a browser bundle, beside a copy of the same code as ES modules). The interpreter only ever
 * crosses files through imports, so each part can be interpreted on its own, on another thread, with the same
 * flows as the whole; an import the text does not show (a specifier the interpreter computes) is caught at run
 * time, and the caller then interprets the whole program at once (see `analyzeParsed`).
 *
 * Parts come in the order of their first file in `files`; each part's files keep that order too.
 */
export function partitionProgram(files: readonly Pick<SourceFile, 'path' | 'text'>[], ctx: ResolutionContext): string[][] {
  const index = new Map(files.map((f, i) => [f.path, i]));
  const parent = files.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    // Path compression: later finds on this chain are one step.
    for (let j = i; parent[j] !== r; ) {
      const next = parent[j] ?? r;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  files.forEach((f, i) => {
    for (const { resolution } of importsOf(f, ctx)) {
      const j = resolution.kind === 'file' ? index.get(resolution.path) : undefined;
      if (j === undefined) continue;
      const a = find(i);
      const b = find(j);
      // The smaller index stays root, so a part is named after its first file.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const parts = new Map<number, string[]>();
  files.forEach((f, i) => {
    const r = find(i);
    const part = parts.get(r);
    if (part) part.push(f.path);
    else parts.set(r, [f.path]);
  });
  return [...parts.values()];
}

import type { AnalysisResult, ModelRoot, SourceFile, ThreatModel } from '../core/index.js';
import { buildProgram, callersOf, calleesOf, importsOf, parseFiles, type ProgramModel } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';
import { ALL_RULES } from '../rules/index.js';

/** Why a path given by a model is refused. */
export class PathRefusedError extends Error {}

/**
 * A relative project path from a model, normalised; refuses absolute paths, `..`, backslashes, NUL and
 * empty segments, so a tool can never name anything outside the project copy.
 */
export function checkProjectPath(path: unknown): string {
  if (typeof path !== 'string' || path.trim() === '') throw new PathRefusedError('a path is required');
  const p = path.trim().replace(/^\.\/+/, '');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new PathRefusedError(`absolute paths are refused: ${p}`);
  if (p.includes('\\') || p.includes('\u0000')) throw new PathRefusedError(`invalid path: ${p}`);
  const parts = p.split('/');
  if (parts.some((s) => s === '..')) throw new PathRefusedError(`paths may not contain "..": ${p}`);
  return parts.filter((s) => s !== '' && s !== '.').join('/');
}

/**
 * The project copy the AI layer works on: the files the walker read (it never follows symbolic links out
 * of the root), held in memory, and the engine's program model over them. Tools read only from here.
 */
export class ProjectSnapshot {
  private readonly byPath: ReadonlyMap<string, SourceFile>;
  private program: ProgramModel | undefined;

  constructor(
    readonly root: string,
    readonly files: readonly SourceFile[],
    readonly analysis: AnalysisResult,
    private readonly threatModel: ThreatModel | 'auto',
  ) {
    this.byPath = new Map(files.map((f) => [f.path, f]));
  }

  /** A file of the copy; `undefined` when the copy has no such file. */
  file(path: string): SourceFile | undefined {
    return this.byPath.get(checkProjectPath(path));
  }

  /** Paths under `prefix` (all when empty). */
  list(prefix = ''): string[] {
    const p = prefix === '' ? '' : checkProjectPath(prefix);
    return this.files.map((f) => f.path).filter((path) => p === '' || path === p || path.startsWith(`${p}/`));
  }

  /** Lines `start..end` (1-based, inclusive) of a file, numbered. */
  read(path: string, start = 1, end = start + 199): string {
    const file = this.file(path);
    if (!file) throw new PathRefusedError(`no such file in the project: ${path}`);
    const lines = file.text.split('\n');
    const from = Math.max(1, Math.floor(start));
    const to = Math.min(lines.length, Math.floor(end), from + 399);
    return lines.slice(from - 1, to).map((l, i) => `${String(from + i).padStart(5)}  ${l}`).join('\n');
  }

  /** Lines containing `needle` (plain text, case-sensitive), as `file:line: text`, at most `max`. */
  search(needle: string, prefix = '', max = 100): string[] {
    if (needle === '') throw new PathRefusedError('the search text is empty');
    const out: string[] = [];
    for (const path of this.list(prefix)) {
      const lines = this.byPath.get(path)?.text.split('\n') ?? [];
      for (let i = 0; i < lines.length && out.length < max; i++) {
        const line = lines[i] ?? '';
        if (line.includes(needle)) out.push(`${path}:${String(i + 1)}: ${line.trim().slice(0, 200)}`);
      }
    }
    return out;
  }

  /** Functions calling `name` of `file`. */
  callers(file: string, name: string): string[] {
    return callersOf(this.programModel(), checkProjectPath(file), name).map((f) => `${f.name} (${f.location.file}:${String(f.location.startLine)})`);
  }

  /** Functions `name` of `file` calls. */
  callees(file: string, name: string): string[] {
    return calleesOf(this.programModel(), checkProjectPath(file), name).map((f) => `${f.name} (${f.location.file}:${String(f.location.startLine)})`);
  }

  /** What the imports of `file` resolve to. */
  imports(file: string): string[] {
    const path = checkProjectPath(file);
    const parsed = parseFiles(this.files.filter((f) => f.path === path)).files[0];
    if (!parsed) throw new PathRefusedError(`not a parsable source file: ${path}`);
    const ctx = { files: new Set(this.files.map((f) => f.path)), packages: this.programModel().packages };
    return importsOf(parsed, ctx).map((i) => `${i.specifier} -> ${JSON.stringify(i.resolution)}`);
  }

  /** The static engine's data-flow paths (known sources to known sinks), of one file or all. */
  flows(file?: string): string[] {
    const path = file === undefined || file === '' ? undefined : checkProjectPath(file);
    return this.analysis.findings
      .filter((f) => f.flow.length > 0 && (path === undefined || f.flow.some((s) => s.location.file === path)))
      .map((f) => `${f.ruleId} at ${f.location.file}:${String(f.location.startLine)}: ${f.flow.map((s) => `[${s.kind}] ${s.location.file}:${String(s.location.startLine)} ${s.message}`).join(' -> ')}`);
  }

  /** Known sources, sinks and sanitizers of the library models whose id or module contains `filter` (all when empty). */
  knownModels(filter = ''): string[] {
    const rootName = (root: ModelRoot): string => ('module' in root ? root.module : 'global' in root ? root.global : `.${root.method}`);
    const out: string[] = [];
    for (const model of ALL_MODELS) {
      const lines = [
        ...(model.sources ?? []).map((m) => `source ${rootName(m.root)}${m.path ? `.${m.path}` : ''} (${m.label}): ${m.description}`),
        ...(model.sinks ?? []).map((m) => `sink ${rootName(m.root)}${m.path ? `.${m.path}` : ''} (${m.kind}): ${m.description}`),
        ...(model.sanitizers ?? []).map((m) => `sanitizer ${rootName(m.root)}${m.path ? `.${m.path}` : ''}: ${m.description}`),
      ];
      if (filter === '' || model.id.includes(filter) || lines.some((l) => l.includes(filter))) out.push(...lines.map((l) => `[${model.id}] ${l}`));
    }
    return out;
  }

  private programModel(): ProgramModel {
    if (!this.program) {
      const parsed = parseFiles(this.files);
      this.program = buildProgram(
        { root: this.root, files: this.files, parsed: parsed.files, parseDiagnostics: parsed.diagnostics },
        { rules: ALL_RULES, models: ALL_MODELS, threatModel: this.threatModel },
      );
    }
    return this.program;
  }
}

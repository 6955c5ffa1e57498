import type { AnalysisOptions, Rule } from '../../src/core/index.js';
import type { PackageFiles } from './package-files.js';
import type { ToolFinding } from './score.js';
import type { YaguraModules } from './shipped-engine.js';
import { classesOfFinding } from './vulnerability-class.js';

/** What one tool produced on one package version. */
export interface ToolRun {
  readonly findings: readonly ToolFinding[];
  /** Wall-clock time of the analysis itself (no I/O). */
  readonly millis: number;
  /** Files the tool could not analyse (parse errors) or analysis gaps it reported. */
  readonly problems: readonly string[];
}

/** The engine to run, the rules to run and how the ReDoS checks and program parts run. */
export interface YaguraSetup {
  readonly yagura: Pick<YaguraModules, 'engine' | 'models'>;
  readonly rules: readonly Rule[];
  readonly onTaintedRegex?: AnalysisOptions['onTaintedRegex'];
  readonly runParts?: AnalysisOptions['runParts'];
}

/** Run the Yagura engine over one package version under the `library` threat model, every rule and model. */
export async function runYagura(root: string, files: PackageFiles, setup: YaguraSetup): Promise<ToolRun> {
  const input = { root, files: [...files.manifests, ...files.code] };
  const start = performance.now();
  const result = await setup.yagura.engine.analyze(input, {
    rules: setup.rules,
    models: setup.yagura.models.ALL_MODELS,
    threatModel: 'library',
    clock: () => performance.now(),
    ...(setup.onTaintedRegex ? { onTaintedRegex: setup.onTaintedRegex } : {}),
    ...(setup.runParts ? { runParts: setup.runParts } : {}),
  });
  const millis = performance.now() - start;
  return {
    millis,
    findings: result.findings.map((f) => ({
      file: f.location.file,
      line: f.location.startLine,
      classes: classesOfFinding(f.ruleId, f.cwe),
      ruleId: f.ruleId,
      message: f.message,
    })),
    problems: result.diagnostics.map((d) => `${d.code}: ${d.message}`),
  };
}

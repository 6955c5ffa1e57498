import { runAiScanPass } from '../../ai/index.js';
import type { YaguraConfig } from '../../config/index.js';
import { collectExcerpts, walkSources, type ScanOutcome } from '../../scan/index.js';
import type { Store } from '../../store/index.js';
import type { CliIO } from '../io.js';

/**
 * `scan --ai`: hunt and triage after the static pass, when a model is configured; the outcome gets the AI
 * findings (with excerpts) and the triage verdicts. Without an `ai:` block the outcome is unchanged and a
 * note says the pass was skipped.
 */
export async function runAiAfterScan(
  outcome: ScanOutcome,
  options: { readonly config: YaguraConfig; readonly configHash: string; readonly store?: Store; readonly io: CliIO; readonly now: () => Date; readonly clock: () => number },
): Promise<{ outcome: ScanOutcome; notes: readonly string[] }> {
  const { config, io } = options;
  if (!config.ai) return { outcome, notes: ['No model is configured (ai: block); the AI pass was skipped.'] };
  // The project copy the AI works on: the same safe walk as the static pass (no symbolic links out of the root).
  const walk = await walkSources(outcome.root, config);
  const pass = await runAiScanPass({
    ai: config.ai,
    root: walk.root,
    files: walk.files,
    analysis: outcome.analysis,
    findings: outcome.findings,
    threatModel: config.threatModel,
    ...(options.store ? { store: options.store } : {}),
    ...(outcome.scan ? { projectId: outcome.scan.projectId } : {}),
    toolVersion: outcome.scan?.toolVersion ?? 'unknown',
    configHash: options.configHash,
    env: io.env,
    now: options.now,
    clock: options.clock,
    ...(io.execPath === undefined ? {} : { nodePath: io.execPath }),
  });
  return {
    outcome: { ...outcome, findings: pass.findings, excerpts: { ...outcome.excerpts, ...collectExcerpts(pass.aiFindings, walk.files) } },
    notes: pass.notes,
  };
}

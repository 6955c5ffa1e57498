import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { AnalysisResult, Finding, SourceFile, StoredFinding, ThreatModel } from '../core/index.js';
import type { AiConfigBlock } from '../config/index.js';
import type { Store } from '../store/index.js';
import { resolveAiSettings } from './ai-config.js';
import { AiNotConfiguredError } from './errors.js';
import { hunt } from './hunter.js';
import { ModelGateway } from './model-gateway.js';
import { ProjectSnapshot } from './project-snapshot.js';
import { THREAT_MODEL_FILE } from './threat-model.js';
import { triageFindings } from './triage.js';
import type { Sleep } from './types.js';

/** The tool name of AI scans in the store: they compare with earlier AI findings only, never mark static ones absent. */
export const AI_TOOL = 'yagura-ai';

/** What {@link runAiScanPass} needs: the static pass's results and files, and where to record. */
export interface AiScanPassInput {
  readonly ai: AiConfigBlock | undefined;
  readonly root: string;
  readonly files: readonly SourceFile[];
  readonly analysis: AnalysisResult;
  /** Findings of the static pass (stored ones get triage verdicts saved beside them). */
  readonly findings: readonly (Finding | StoredFinding)[];
  readonly threatModel: ThreatModel | 'auto';
  readonly store?: Store;
  /** The project and tool version of the static scan, when it was stored. */
  readonly projectId?: string;
  readonly toolVersion: string;
  readonly configHash: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly clock: () => number;
  /** Node binary for witnesses (`process.execPath`, passed by the entry point). */
  readonly nodePath?: string;
  readonly sleep?: Sleep;
}

/** Static findings (with `aiTriage` properties where triaged), the AI findings, and notes for the user. */
export interface AiScanPassResult {
  readonly findings: readonly (Finding | StoredFinding)[];
  readonly aiFindings: readonly (Finding | StoredFinding)[];
  readonly notes: readonly string[];
}

async function readThreatModel(root: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, THREAT_MODEL_FILE), 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

/**
 * `scan --ai`: after the static pass, hunt (AI findings proven in the sandbox or left suspected) and triage
 * the static findings. Stored scans record the AI findings in a scan of tool `yagura-ai`, proven ones moved
 * to state `proven`. Without an `ai:` block this is an {@link AiNotConfiguredError}.
 */
export async function runAiScanPass(input: AiScanPassInput): Promise<AiScanPassResult> {
  const settings = resolveAiSettings(input.ai, input.env);
  if (!settings) throw new AiNotConfiguredError('scan --ai needs an ai: block in the configuration');
  const { store, projectId } = input;
  const snapshot = new ProjectSnapshot(input.root, input.files, input.analysis, input.threatModel);
  const threatModel = await readThreatModel(input.root);
  const aiScan = store && projectId !== undefined
    ? await store.beginScan({ projectId, toolVersion: input.toolVersion, configHash: input.configHash, threatModel: input.analysis.threatModel, tool: AI_TOOL })
    : undefined;
  const gateway = await ModelGateway.open({
    settings,
    ...(store ? { recorder: store } : {}),
    ...(projectId === undefined ? {} : { projectId }),
    ...(aiScan ? { scanId: aiScan.id } : {}),
    now: input.now,
    clock: input.clock,
    ...(input.sleep ? { sleep: input.sleep } : {}),
  });
  const notes: string[] = [];
  try {
    const hunted = await hunt({
      gateway,
      snapshot,
      ...(threatModel === undefined ? {} : { threatModel }),
      verify: {
        runs: settings.proof.runs,
        required: settings.proof.required,
        timeoutMs: settings.proof.timeoutMs,
        memoryMb: settings.proof.memoryMb,
        ...(input.nodePath === undefined ? {} : { nodePath: input.nodePath }),
      },
    });
    const proven = hunted.findings.filter((f) => f.properties?.aiState === 'proven').length;
    notes.push(`AI hunt: ${String(hunted.targets.length)} targets, ${String(hunted.candidates)} candidates, ${String(proven)} proven, ${String(hunted.findings.length - proven)} suspected, ${String(hunted.rejected.length)} rejected by the verifier`);
    if (hunted.stopped !== undefined) notes.push(`AI hunt stopped: ${hunted.stopped}`);
    let aiFindings: readonly (Finding | StoredFinding)[] = hunted.findings;
    if (store && aiScan) {
      await store.completeScan(aiScan.id, { findings: hunted.findings, stats: { candidates: hunted.candidates, rejected: hunted.rejected.length } });
      const stored = await store.listFindings({ scanId: aiScan.id, presence: 'present', limit: 100_000 });
      aiFindings = await Promise.all(
        stored.map(async (f) =>
          f.properties?.aiState === 'proven' && f.state === 'open'
            ? store.transitionFinding(f.id, { to: 'proven', actor: AI_TOOL, reason: 'witness reproduced in the proof sandbox' })
            : f,
        ),
      );
    }
    const triaged = hunted.stopped === undefined
      ? await triageFindings({ gateway, snapshot, findings: input.findings, ...(store ? { store } : {}), ...(threatModel === undefined ? {} : { threatModel }), now: input.now })
      : { results: [] };
    if (triaged.stopped !== undefined) notes.push(`AI triage stopped: ${triaged.stopped}`);
    notes.push(`AI triage: ${String(triaged.results.length)} verdicts`);
    const verdicts = new Map(triaged.results.map((r) => [r.fingerprint, r]));
    const staticFindings = input.findings.map((f) => {
      const v = verdicts.get(f.fingerprint);
      return v ? { ...f, properties: { ...f.properties, aiTriage: { verdict: v.verdict, confidence: v.confidence, reasoning: v.reasoning, model: v.model } } } : f;
    });
    const spent = gateway.spent();
    notes.push(`AI spend: ${String(spent.calls)} calls, ${String(spent.inputTokens)} input and ${String(spent.outputTokens)} output tokens, $${spent.costUsd.toFixed(4)}`);
    return { findings: [...staticFindings, ...aiFindings], aiFindings, notes };
  } catch (error: unknown) {
    if (store && aiScan && (await store.getScan(aiScan.id)).status === 'running') {
      await store.failScan(aiScan.id, error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
}

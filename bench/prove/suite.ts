import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Finding } from '../../src/core/index.js';
import { analyze } from '../../src/engine/index.js';
import { ALL_MODELS } from '../../src/models/index.js';
import { prepareTarget, proveFinding, replayEvidence, type ProofEvidence } from '../../src/prove/index.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { type CorpusEntry, loadCorpus } from '../engine/corpus.js';
import { fetchPackage } from '../engine/package-cache.js';
import { readPackageFiles } from '../engine/package-files.js';
import { scoreEntry, type ToolFinding } from '../engine/score.js';
import { classesOfFinding, VULNERABILITY_CLASSES, type VulnerabilityClass } from '../engine/vulnerability-class.js';

/** Target of the proof stage: share of detected corpus cases proven automatically. */
export const PROVE_TARGETS = { provenRate: 0.6, fixedProven: 0 } as const;

/** Inputs of the proof benchmark. */
export interface ProveBenchOptions {
  readonly corpusPath: string;
  readonly cacheDir: string;
  readonly nodePath: string;
  readonly log: (line: string) => void;
  /** Budget of one witness run. */
  readonly timeoutMs?: number;
  /** Only these entry ids (all when absent). */
  readonly only?: readonly string[];
}

interface EntryRecord {
  readonly id: string;
  readonly cls: VulnerabilityClass;
  readonly detected: boolean;
  readonly proven: boolean;
  /** Findings of the class on the fixed version that were proven (must be 0). */
  readonly fixedProven: number;
  /** The corpus records the fixed release as still carrying a flaw of the class (`fixedStillVulnerable`). */
  readonly fixedStillVulnerable: boolean;
  readonly fixedAttempted: number;
  /** Whether the vulnerable version's witness, replayed on the fixed version, was accepted (must be false). */
  readonly fixedReplayAccepted: boolean | null;
  readonly witness?: string;
  readonly observation?: string;
  readonly reason?: string;
  readonly millis: number;
}

async function findingsOf(root: string): Promise<Finding[]> {
  const files = await readPackageFiles(root);
  const result = await analyze(
    { root, files: [...files.manifests, ...files.code] },
    { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'library', clock: () => performance.now(), limits: { maxMillisPerFile: 3000 } },
  );
  return [...result.findings];
}

function toTool(f: Finding): ToolFinding {
  return { file: f.location.file, line: f.location.startLine, classes: classesOfFinding(f.ruleId, f.cwe), ruleId: f.ruleId, message: f.message };
}

/** Run one entry: detect on both versions, prove the matched findings, try the fixed version. */
async function runEntry(entry: CorpusEntry, options: ProveBenchOptions, tempDir: string): Promise<EntryRecord> {
  const start = performance.now();
  // 8 s per witness run keeps the whole corpus (search, 3 verifications, fixed version) under 20 minutes.
  const timeoutMs = options.timeoutMs ?? 8000;
  const vulnRoot = await fetchPackage(options.cacheDir, entry.package, entry.vulnerableVersion);
  const fixedRoot = await fetchPackage(options.cacheDir, entry.package, entry.fixedVersion);
  const vulnFindings = await findingsOf(vulnRoot);
  const fixedFindings = await findingsOf(fixedRoot);
  const outcome = scoreEntry(entry, vulnFindings.map(toTool), fixedFindings.map(toTool));
  const base = { id: entry.id, cls: entry.ruleId, detected: outcome.detected };
  const proveOptions = {
    threatModel: 'library' as const,
    timeoutMs,
    nodePath: options.nodePath,
    tempDir,
    now: () => new Date(),
    clock: () => performance.now(),
  };
  const installCacheDir = join(tempDir, 'install-cache');
  const matchedKeys = new Set(outcome.matched.map((m) => `${m.file}:${String(m.line)}:${m.ruleId}`));
  const matched = vulnFindings.filter((f) => matchedKeys.has(`${f.location.file}:${String(f.location.startLine)}:${f.ruleId}`)).slice(0, 2);
  let proof: ProofEvidence | undefined;
  let last: ProofEvidence | undefined;
  if (matched.length > 0) {
    const target = await prepareTarget(vulnRoot, { tempDir, installCacheDir });
    try {
      for (const finding of matched) {
        last = await proveFinding(finding, target, proveOptions);
        if (last.status === 'proven') {
          proof = last;
          break;
        }
      }
    } finally {
      await target.dispose();
    }
  }
  // The fixed version: prove its own findings of the class in the sink file, and replay the proof.
  const fixedFile = entry.fixedSinkFile ?? entry.sink.file;
  const fixedOfClass = fixedFindings.filter((f) => classesOfFinding(f.ruleId, f.cwe).includes(entry.ruleId) && f.location.file === fixedFile).slice(0, 2);
  let fixedProven = 0;
  let fixedReplayAccepted: boolean | null = null;
  if (fixedOfClass.length > 0 || proof !== undefined) {
    const target = await prepareTarget(fixedRoot, { tempDir, installCacheDir });
    try {
      for (const finding of fixedOfClass) {
        const evidence = await proveFinding(finding, target, proveOptions);
        if (evidence.status === 'proven') fixedProven++;
      }
      if (proof !== undefined) fixedReplayAccepted = (await replayEvidence(proof, target, { ...proveOptions }))?.accepted ?? null;
    } finally {
      await target.dispose();
    }
  }
  const run = proof?.verification?.runs.find((r) => r.reproduced);
  const reason = proof === undefined ? (last?.reason ?? (outcome.detected ? 'not proven' : 'not detected')) : undefined;
  return {
    ...base,
    proven: proof !== undefined,
    fixedProven,
    fixedStillVulnerable: entry.fixedStillVulnerable === true,
    fixedAttempted: fixedOfClass.length,
    fixedReplayAccepted,
    ...(proof?.witness === undefined ? {} : { witness: proof.witness.payload }),
    ...(run?.observation === undefined ? {} : { observation: run.observation }),
    ...(reason === undefined ? {} : { reason }),
    millis: Math.round(performance.now() - start),
  };
}

interface ClassRow {
  readonly cls: string;
  readonly total: number;
  readonly detected: number;
  readonly proven: number;
  readonly provenRate: number;
  readonly fixedProven: number;
  readonly fixedReplayAccepted: number;
}

function summarize(cls: string, records: readonly EntryRecord[]): ClassRow {
  const detected = records.filter((r) => r.detected).length;
  const proven = records.filter((r) => r.detected && r.proven).length;
  return {
    cls,
    total: records.length,
    detected,
    proven,
    provenRate: detected === 0 ? 0 : Math.round((proven / detected) * 1000) / 1000,
    fixedProven: records.reduce((sum, r) => sum + r.fixedProven, 0),
    fixedReplayAccepted: records.filter((r) => r.fixedReplayAccepted === true).length,
  };
}

function formatTable(rows: readonly ClassRow[]): string {
  const header = ['class', 'cases', 'detected', 'proven', 'proven/detected', 'fixed proven', 'fixed replay accepted'];
  const lines = rows.map((r) =>
    [r.cls, r.total, r.detected, r.proven, `${(r.provenRate * 100).toFixed(0)}%`, r.fixedProven, r.fixedReplayAccepted].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [fmt(header), ...lines.map(fmt)].join('\n');
}

/**
 * For every corpus entry: run the engine on the vulnerable and fixed versions, prove the detected finding
 * in the sandbox (search, then 3 verification runs), try to prove the fixed version's findings, and replay
 * the vulnerable version's witness on the fixed version. Reports per class, beside detection.
 */
export async function runProveBench(options: ProveBenchOptions): Promise<{ summary: string; results: Record<string, unknown> }> {
  const corpus = (await loadCorpus(options.corpusPath)).filter((e) => options.only === undefined || options.only.includes(e.id));
  const tempDir = join(tmpdir(), 'yagura-bench-prove');
  await mkdir(tempDir, { recursive: true });
  const records: EntryRecord[] = [];
  for (const entry of corpus) {
    const record = await runEntry(entry, options, tempDir);
    records.push(record);
    options.log(
      `  ${entry.id}: ${record.detected ? 'detected' : 'missed'}${record.detected ? (record.proven ? ', PROVEN' : `, not proven (${record.reason ?? ''})`) : ''}` +
        `; fixed proven ${String(record.fixedProven)}/${String(record.fixedAttempted)}, replay ${String(record.fixedReplayAccepted)} (${String(record.millis)} ms)`,
    );
  }
  // As in the engine suite: a pair whose "fixed" release is still exploitable (evidence in the entry's note) is run
  // and reported on its own line; a proof on that release is a true positive, so it stays out of the targets.
  const scored = records.filter((r) => !r.fixedStillVulnerable);
  const unfixed = summarize('not scored', records.filter((r) => r.fixedStillVulnerable));
  const perClass = VULNERABILITY_CLASSES.map((c) => summarize(c.id, scored.filter((r) => r.cls === c.id))).filter((r) => r.total > 0);
  const overall = summarize('overall', scored);
  const met = {
    provenRate: overall.provenRate >= PROVE_TARGETS.provenRate,
    fixedProven: overall.fixedProven === 0 && overall.fixedReplayAccepted === 0,
  };
  const summary = [
    `proof benchmark: ${String(corpus.length)} vulnerabilities (${String(scored.length)} scored); witnesses verified 3 times in fresh sandboxes (2 needed)`,
    formatTable([...perClass, overall]),
    `targets: proven >= ${String(PROVE_TARGETS.provenRate * 100)}% of detected ${met.provenRate ? 'met' : 'NOT met'}; ` +
      `0 fixed versions proven ${met.fixedProven ? 'met' : 'NOT met'}`,
    `not scored: ${String(unfixed.total)} pairs whose "fixed" release is still vulnerable (fixedStillVulnerable, evidence in the note): ` +
      `${String(unfixed.proven)} of ${String(unfixed.detected)} detected proven; ${String(unfixed.fixedProven)} proofs on the unfixed releases, as expected of real flaws`,
  ].join('\n');
  return {
    summary,
    results: { suite: 'prove', generatedAt: new Date().toISOString(), node: process.version, targets: { ...PROVE_TARGETS, met }, overall, perClass, notScored: unfixed, entries: records },
  };
}

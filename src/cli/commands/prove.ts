import { homedir } from 'node:os';
import { join } from 'node:path';

import { Option, type Command } from 'commander';

import { UsageError, type ThreatModel } from '../../core/index.js';
import { proveStoredFindings, type ProveProgress } from '../../prove/index.js';
import type { ProofRecord, Store } from '../../store/index.js';
import type { CliIO, OutputStream } from '../io.js';
import { openCliStore } from '../store-options.js';

/** Default budget of one witness run (`--prove-timeout`, `--timeout`). */
export const DEFAULT_PROVE_TIMEOUT_MS = 20_000;

interface ProveFlags {
  db?: string;
  timeout: string;
  threatModel?: ThreatModel | 'auto';
  format: 'text' | 'json';
}

/** Parse a `--prove-timeout` / `--timeout` value in milliseconds. */
export function parseProveTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms > 600_000) throw new UsageError(`The proof timeout must be 1000 to 600000 ms, not "${value}"`);
  return ms;
}

/** The options every proof run of the CLI shares: node, temporary folder, clocks, progress on stderr. */
export function cliProveOptions(io: CliIO, timeoutMs: number, actor: string, quiet = false) {
  if (io.execPath === undefined) throw new UsageError('Proving needs the path of the node binary (run through the yagura command)');
  return {
    nodePath: io.execPath,
    tempRoot: io.env.TMPDIR ?? '/tmp',
    // npm installs and the PGlite snapshot are kept between runs.
    installCacheDir: join(io.env.YAGURA_HOME ?? join(io.env.HOME ?? homedir(), '.yagura'), 'prove-cache'),
    timeoutMs,
    actor,
    now: io.now ?? (() => new Date()),
    clock: io.clock ?? (() => performance.now()),
    ...(quiet
      ? {}
      : {
          onProgress: (p: ProveProgress) => {
            io.stderr.write(`proving ${String(p.done + 1)}/${String(p.total)}: ${p.finding.ruleId} ${p.finding.location.file}:${String(p.finding.location.startLine)}\n`);
          },
        }),
  };
}

/** `yagura prove <finding-id>`: (re)prove one stored finding in the sandbox and keep the evidence. */
export function registerProveCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('prove')
    .description('prove a stored finding with an executable witness in the sandbox (verified 3 times) and keep the evidence')
    .argument('<id>', 'finding id or a unique prefix of it (8+ characters)')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('--timeout <ms>', 'budget of one witness run in milliseconds', String(DEFAULT_PROVE_TIMEOUT_MS))
    .addOption(new Option('--threat-model <model>', 'who the attacker is (default: application for an Express app)').choices(['auto', 'library', 'application']))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (id: string, flags: ProveFlags) => {
      result.code = await proveCommand(id, flags, io);
    });
}

async function proveCommand(id: string, flags: ProveFlags, io: CliIO): Promise<number> {
  const timeoutMs = parseProveTimeout(flags.timeout);
  const store: Store = await openCliStore(flags.db, io);
  try {
    const finding = await store.getFinding(id);
    const project = await store.getProject(finding.projectId);
    const options = cliProveOptions(io, timeoutMs, io.env.USER ?? 'cli');
    const [proof] = await proveStoredFindings(store, project.rootPath, [finding], {
      ...options,
      ...(flags.threatModel === undefined ? {} : { threatModel: flags.threatModel }),
    });
    if (proof === undefined) throw new UsageError(`No witness generator exists for ${finding.ruleId} findings`);
    io.stdout.write(flags.format === 'json' ? `${JSON.stringify(proof, null, 2)}\n` : formatProof(proof, { script: false }));
    return proof.status === 'proven' ? 0 : 1;
  } finally {
    await store.close();
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Human text of one proof attempt: status, payload, oracle, verification runs, sandbox; the script on request. */
export function formatProof(proof: ProofRecord, options: { readonly script: boolean }): string {
  const e = proof.evidence;
  const witness = (e.witness ?? {}) as Record<string, unknown>;
  const verification = (e.verification ?? {}) as { reproductions?: number; runs?: readonly Record<string, unknown>[] };
  const sandbox = (e.sandbox ?? {}) as Record<string, unknown>;
  const runs = verification.runs ?? [];
  const out = [`Proof:       ${proof.status}${proof.witnessClass ? ` (${proof.witnessClass})` : ''} at ${proof.at} by ${proof.actor}`];
  const reason = text(e.reason);
  if (reason !== undefined) out.push(`  Reason:    ${reason}`);
  const payload = text(witness.payload);
  if (payload !== undefined) out.push(`  Witness:   ${payload}`);
  const oracle = text(witness.oracle);
  if (oracle !== undefined) out.push(`  Oracle:    ${oracle}`);
  if (runs.length > 0) {
    out.push(`  Verified:  ${String(verification.reproductions ?? 0)} of ${String(runs.length)} fresh sandbox runs reproduced (2 needed)`);
    for (const run of runs) {
      const ms = typeof run.durationMs === 'number' ? `${String(run.durationMs)} ms` : '';
      out.push(`    - ${run.reproduced === true ? 'reproduced' : 'not reproduced'} ${ms}  ${text(run.observation) ?? text(run.reason) ?? ''}`.trimEnd());
    }
  }
  if (typeof sandbox.isolated === 'boolean') {
    out.push(`  Sandbox:   ${sandbox.isolated ? 'bubblewrap' : 'NOT isolated'}, network ${text(sandbox.network) ?? '?'}`);
  }
  const tools = e.tools as Record<string, unknown> | undefined;
  if (tools !== undefined) out.push(`  Tools:     ${Object.entries(tools).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
  const script = text(witness.script);
  if (options.script && script !== undefined) out.push('  Script:', ...script.split('\n').map((l) => `    ${l}`));
  return `${out.join('\n')}\n`;
}

/** Write proof progress for a whole scan. */
export function writeProveSummary(stream: OutputStream, proofs: readonly ProofRecord[]): void {
  const proven = proofs.filter((p) => p.status === 'proven').length;
  stream.write(`proofs: ${String(proven)} of ${String(proofs.length)} attempted finding(s) proven\n`);
}

import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { Option, type Command } from 'commander';

import { AiNotConfiguredError, benchCacheRoot, evaluateHunter, loadEvalSuite, resolveAiSettings } from '../../ai/index.js';
import { loadConfig } from '../../config/index.js';
import { walkSources } from '../../scan/index.js';
import type { ModelUsageSummary, ModelUsageTotals, Store } from '../../store/index.js';
import type { CliIO } from '../io.js';
import { openCliStore } from '../store-options.js';

interface UsageFlags {
  db?: string;
  project?: string;
  since?: string;
  format: 'table' | 'json';
}

interface EvalFlags {
  suite: string;
  packages?: string;
  output: string;
  config?: string;
  db?: string;
}

async function withStore<T>(db: string | undefined, io: CliIO, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCliStore(db, io);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const usd = (n: number): string => `$${n.toFixed(6)}`;
const totals = (t: ModelUsageTotals): string =>
  `${String(t.calls).padStart(5)} calls ${String(t.inputTokens).padStart(10)} in ${String(t.outputTokens).padStart(10)} out ${usd(t.costUsd).padStart(14)}`;

/** The usage summary as text: totals, then by project, purpose and model. */
export function formatUsage(summary: ModelUsageSummary): string {
  const rows = (title: string, items: readonly (ModelUsageTotals & { label: string })[]): string[] => [
    title,
    ...(items.length === 0 ? ['  (none)'] : items.map((i) => `  ${i.label.padEnd(32)} ${totals(i)}`)),
  ];
  return [
    `AI usage: ${String(summary.total.calls)} calls, ${String(summary.total.inputTokens)} input tokens, ${String(summary.total.outputTokens)} output tokens, ${usd(summary.total.costUsd)}`,
    ...rows('By project', summary.byProject.map((p) => ({ ...p, label: p.projectName ?? '(no project)' }))),
    ...rows('By purpose', summary.byPurpose.map((p) => ({ ...p, label: p.purpose }))),
    ...rows('By model', summary.byModel.map((m) => ({ ...m, label: `${m.provider} ${m.model}` }))),
  ].join('\n').concat('\n');
}

/** `yagura ai usage` and `yagura ai eval`. */
export function registerAiCommands(program: Command, io: CliIO, result: { code: number }): void {
  const ai = program.command('ai').description('AI layer: model spend and hunter evaluation');
  ai.command('usage')
    .description('report model calls and spend by project, purpose and model')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-p, --project <name>', 'only this project')
    .option('--since <time>', 'only calls at or after this ISO 8601 time')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: UsageFlags) => {
      await withStore(flags.db, io, async (store) => {
        const project = flags.project === undefined ? undefined : await store.getProject(flags.project);
        const summary = await store.summarizeModelUsage({ ...(project ? { projectId: project.id } : {}), ...(flags.since === undefined ? {} : { since: flags.since }) });
        io.stdout.write(flags.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : formatUsage(summary));
      });
      result.code = 0;
    });
  ai.command('eval')
    .description('run the hunter on a labelled suite (bench/engine/corpus.json format) and write a scorecard')
    .requiredOption('--suite <manifest>', 'suite manifest (JSON array of labelled vulnerable package versions)')
    .option('--packages <dir>', 'folder of extracted packages, the engine benchmark cache layout (default: $YAGURA_BENCH_CACHE or ~/.cache/yagura-bench)')
    .option('-o, --output <file>', 'scorecard file', 'ai-scorecard.json')
    .option('-c, --config <file>', 'configuration file with the ai: block')
    .option('--db <url>', 'record the model calls in this store')
    .action(async (flags: EvalFlags) => {
      const suite = resolve(io.cwd, flags.suite);
      const { config } = await loadConfig(io.cwd, flags.config ? resolve(io.cwd, flags.config) : undefined);
      const settings = resolveAiSettings(config.ai, io.env);
      if (!settings) throw new AiNotConfiguredError('ai eval needs an ai: block in the configuration');
      const cache = flags.packages ? resolve(io.cwd, flags.packages) : (io.env.YAGURA_BENCH_CACHE ?? join(io.env.HOME ?? homedir(), '.cache', 'yagura-bench'));
      const entries = await loadEvalSuite(suite);
      const run = (store?: Store) =>
        evaluateHunter({
          suite: flags.suite,
          entries,
          loadProject: async (entry) => walkSources(benchCacheRoot(cache, entry), config),
          settings,
          ...(store ? { recorder: store } : {}),
          now: io.now ?? (() => new Date()),
          clock: io.clock ?? (() => performance.now()),
          ...(io.execPath === undefined ? {} : { nodePath: io.execPath }),
        });
      const scorecard = flags.db === undefined ? await run() : await withStore(flags.db, io, run);
      await writeFile(resolve(io.cwd, flags.output), `${JSON.stringify(scorecard, null, 2)}\n`);
      const per = (n: number | null): string => (n === null ? 'n/a' : n.toFixed(4));
      io.stdout.write(
        `Recall ${String(scorecard.detected)}/${String(scorecard.entries)} (${(scorecard.recall * 100).toFixed(1)}%), ${String(scorecard.falseAlarms)} false alarms, ${String(scorecard.proven)} proven; ` +
          `${String(scorecard.tokens)} tokens, ${usd(scorecard.costUsd)}; per true finding ${per(scorecard.tokensPerTrueFinding)} tokens, $${per(scorecard.costPerTrueFinding)}\n` +
          `${scorecard.stopped === undefined ? '' : `Stopped: ${scorecard.stopped}\n`}Scorecard written to ${flags.output}\n`,
      );
      result.code = 0;
    });
}

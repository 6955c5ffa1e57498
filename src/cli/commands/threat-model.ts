import { access, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import type { Command } from 'commander';

import { AiNotConfiguredError, generateThreatModel, ModelGateway, ProjectSnapshot, resolveAiSettings, THREAT_MODEL_FILE } from '../../ai/index.js';
import { UsageError } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { analyze } from '../../engine/index.js';
import { ALL_MODELS } from '../../models/index.js';
import { ALL_RULES } from '../../rules/index.js';
import { walkSources } from '../../scan/index.js';
import type { CliIO } from '../io.js';
import { openCliStore } from '../store-options.js';

interface ThreatModelFlags {
  config?: string;
  db?: string;
  store: boolean;
  force?: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}

/** `yagura threat-model <path>`: ask the model for entry points, trust boundaries and assets; write THREAT_MODEL.md. */
export function registerThreatModelCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('threat-model')
    .description(`write ${THREAT_MODEL_FILE} (entry points, trust boundaries, assets at risk) with the configured model; edit it, hunters read it`)
    .argument('<path>', 'project folder')
    .option('-c, --config <file>', 'configuration file (default: yagura.config.yaml|yml|json at the project root)')
    .option('--db <url>', 'postgres:// URL or embedded store directory for the usage record')
    .option('--no-store', 'do not record the model calls')
    .option('--force', `replace an existing ${THREAT_MODEL_FILE}`)
    .action(async (path: string, flags: ThreatModelFlags) => {
      const root = resolve(io.cwd, path);
      const target = join(root, THREAT_MODEL_FILE);
      if (!flags.force && (await exists(target))) throw new UsageError(`${target} exists; edit it, or pass --force to replace it`);
      const { config } = await loadConfig(root, flags.config ? resolve(io.cwd, flags.config) : undefined);
      const settings = resolveAiSettings(config.ai, io.env);
      if (!settings) throw new AiNotConfiguredError('threat-model needs an ai: block in the configuration');
      const walk = await walkSources(root, config);
      const analysis = await analyze({ root: walk.root, files: walk.files }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: config.threatModel });
      const store = flags.store ? await openCliStore(flags.db, io) : undefined;
      try {
        const project = store ? await store.ensureProject({ name: config.projectName ?? basename(walk.root), rootPath: walk.root }) : undefined;
        const gateway = await ModelGateway.open({
          settings,
          ...(store && project ? { recorder: store, projectId: project.id } : {}),
          now: io.now ?? (() => new Date()),
          clock: io.clock ?? (() => performance.now()),
        });
        const markdown = await generateThreatModel({ gateway, snapshot: new ProjectSnapshot(walk.root, walk.files, analysis, config.threatModel) });
        await writeFile(target, markdown);
        const spent = gateway.spent();
        io.stderr.write(`${THREAT_MODEL_FILE} written to ${target} (${String(spent.calls)} model calls, ${String(spent.inputTokens + spent.outputTokens)} tokens, $${spent.costUsd.toFixed(6)})\n`);
      } finally {
        await store?.close();
      }
      result.code = 0;
    });
}

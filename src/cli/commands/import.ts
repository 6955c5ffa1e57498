import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import type { Command } from 'commander';

import { loadConfig } from '../../config/index.js';
import { ImportError } from '../../core/index.js';
import { importSarif, resolveSlaPolicy } from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { nowOf, withTriageStore } from './triage-options.js';

interface ImportFlags {
  db?: string;
  project?: string;
  tool?: string;
  root?: string;
}

/** `yagura import sarif <file>`: results of other scanners into the store, merged with Yagura's by root cause. */
export function registerImportCommand(program: Command, io: CliIO, result: { code: number }): void {
  const importer = program.command('import').description("import other scanners' results");
  importer
    .command('sarif')
    .description('import a SARIF 2.1.0 file (CodeQL, Semgrep, ESLint...) and merge its results into the queue')
    .argument('<file>', 'SARIF file')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-p, --project <name>', 'project (asset) the results belong to (default: configured name, else the folder name)')
    .option('--tool <name>', "tool name to record (default: the SARIF driver's name, e.g. codeql)")
    .option('--root <dir>', 'root the SARIF paths are relative to (default: the working directory)')
    .action(async (file: string, flags: ImportFlags) => {
      const path = resolve(io.cwd, file);
      const root = resolve(io.cwd, flags.root ?? '.');
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new ImportError(file, 'cannot read the file', { cause: error });
      }
      const { config } = await loadConfig(root);
      const projectName = flags.project ?? config.projectName ?? basename(root);
      const outcome = await withTriageStore(flags.db, io, (store) =>
        importSarif(store, {
          text,
          file,
          projectName,
          rootPath: root,
          now: nowOf(io),
          sla: resolveSlaPolicy(config.sla),
          asset: { ...config.asset },
          ...(flags.tool === undefined ? {} : { tool: flags.tool }),
        }),
      );
      for (const t of outcome.tools) {
        io.stdout.write(
          `Imported ${t.results} ${t.tool} result(s) into ${projectName}: ${t.new} new, ${t.absent} no longer reported` +
            `${t.skipped > 0 ? `, ${t.skipped} without a location skipped` : ''}.\n`,
        );
      }
      io.stdout.write(`${outcome.workItems} work item(s) in ${projectName}.\n`);
      result.code = 0;
    });
}

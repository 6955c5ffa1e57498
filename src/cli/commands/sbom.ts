import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { Option, type Command } from 'commander';

import { UsageError } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { renderCycloneDx, renderOpenVex, type DependencyAudit } from '../../deps/index.js';
import { LOCKFILE_NAMES, NO_ADVISORY_DATA, scanDependencies, walkSources } from '../../scan/index.js';
import type { Store } from '../../store/index.js';
import { EXIT, type CliIO } from '../io.js';
import { openCliStore } from '../store-options.js';

/** VEX formats of `sbom --vex`. */
export const VEX_FORMATS = ['openvex', 'cyclonedx'] as const;

interface SbomFlags {
  output?: string;
  vex?: (typeof VEX_FORMATS)[number];
  author: string;
  db?: string;
  store: boolean;
  config?: string;
}

/** `yagura sbom <path>`: CycloneDX 1.6 SBOM of a project's lockfile, or the VEX of its dependency audit. */
export function registerSbomCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('sbom')
    .description('write the CycloneDX 1.6 SBOM of a project (from its lockfile), or with --vex the VEX of its dependency audit')
    .argument('<path>', 'project folder (with package-lock.json, npm-shrinkwrap.json, yarn.lock or pnpm-lock.yaml)')
    .option('-o, --output <file>', 'write the document to a file instead of stdout')
    .addOption(
      new Option('--vex <format>', 'openvex: the OpenVEX document alone; cyclonedx: the SBOM with vulnerabilities and their analysis').choices(VEX_FORMATS),
    )
    .option('--author <author>', 'OpenVEX author', 'Yagura')
    .option('--db <url>', 'postgres:// URL or embedded store directory holding the advisories (default: $YAGURA_DATABASE_URL, else $YAGURA_HOME/db)')
    .option('--no-store', 'do not read advisories from the store (plain SBOM only)')
    .option('-c, --config <file>', 'configuration file (default: yagura.config.yaml|yml|json at the root)')
    .action(async (path: string, flags: SbomFlags) => {
      result.code = await sbomCommand(path, flags, io);
    });
}

async function sbomCommand(path: string, flags: SbomFlags, io: CliIO): Promise<number> {
  const now = (io.now ?? (() => new Date()))();
  const target = resolve(io.cwd, path);
  const { config } = await loadConfig(target, flags.config ? resolve(io.cwd, flags.config) : undefined);
  const walk = await walkSources(target, config);
  const store: Store | undefined = flags.vex && flags.store ? await openCliStore(flags.db, io) : undefined;
  let audit: DependencyAudit | undefined;
  try {
    if (flags.vex && store && (await store.advisoryDataStatus()).advisories === 0) throw new UsageError(`Cannot write VEX: ${NO_ADVISORY_DATA}`);
    if (flags.vex && !store) throw new UsageError(`Cannot write VEX with --no-store: ${NO_ADVISORY_DATA}`);
    const deps = await scanDependencies({ root: walk.root, files: walk.files, withoutAdvisories: true, ...(store ? { store } : {}) });
    for (const d of deps.diagnostics) io.stderr.write(`${d.code}${d.file ? ` ${d.file}` : ''}: ${d.message}\n`);
    audit = deps.audit;
  } finally {
    await store?.close();
  }
  if (!audit) throw new UsageError(`No readable lockfile at ${walk.root} (looked for ${LOCKFILE_NAMES.join(', ')})`);

  let document: string;
  if (flags.vex === 'openvex') {
    const vex = renderOpenVex(audit, { author: flags.author, timestamp: now.toISOString() });
    if (!vex) {
      io.stderr.write('No installed package is affected by a loaded advisory: there is nothing to state in OpenVEX.\n');
      return EXIT.clean;
    }
    document = `${JSON.stringify(vex, null, 2)}\n`;
  } else {
    // Without --vex the SBOM lists components and dependencies only.
    const inventory = flags.vex === 'cyclonedx' ? audit : { ...audit, matches: [], verdicts: [], findings: [] };
    const rendered = renderCycloneDx(inventory, { timestamp: now });
    document = rendered.endsWith('\n') ? rendered : `${rendered}\n`;
  }
  if (flags.output) {
    await writeFile(resolve(io.cwd, flags.output), document);
    io.stderr.write(`${flags.vex === 'openvex' ? 'OpenVEX' : 'CycloneDX'} document of ${audit.graph.nodes.size} packages written to ${flags.output}\n`);
  } else {
    io.stdout.write(document);
  }
  return EXIT.clean;
}

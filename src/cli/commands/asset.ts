import type { Command } from 'commander';

import {
  CRITICALITIES,
  EXPOSURES,
  parseAssetAttributes,
  prioritise,
  resolveAsset,
  WELL_BEING_IMPACTS,
} from '../../triage/index.js';
import type { CliIO } from '../io.js';
import { nowOf, slaPolicyOf, withTriageStore } from './triage-options.js';

interface SetFlags {
  db?: string;
  owner?: string;
  businessService?: string;
  criticality?: string;
  exposure?: string;
  dataClassification?: string;
  wellBeing?: string;
}

/** `yagura asset set <project>` and `yagura asset show <project>`: the attributes prioritisation uses. */
export function registerAssetCommands(program: Command, io: CliIO, result: { code: number }): void {
  const asset = program.command('asset').description('show or set the asset attributes of a project (owner, criticality, exposure...)');
  asset
    .command('show')
    .description('print the asset attributes of a project, marking defaults')
    .argument('<project>', 'project name or id')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (name: string, flags: { db?: string; format: string }) => {
      await withTriageStore(flags.db, io, async (store) => {
        const project = await store.getProject(name);
        const { profile, defaulted } = resolveAsset(project.attributes);
        if (flags.format === 'json') {
          io.stdout.write(`${JSON.stringify({ project: project.name, asset: profile, defaulted }, null, 2)}\n`);
          return;
        }
        const lines = Object.entries(profile).map(
          ([key, value]) => `  ${`${key}:`.padEnd(20)}${String(value)}${defaulted.includes(key as never) ? '  (default)' : ''}`,
        );
        io.stdout.write(`Asset ${project.name}\n${lines.join('\n')}\n`);
      });
      result.code = 0;
    });
  asset
    .command('set')
    .description('set asset attributes of a project and prioritise it again')
    .argument('<project>', 'project name or id')
    .option('--db <url>', 'postgres:// URL or embedded store directory')
    .option('--owner <team>', 'owning team or person')
    .option('--business-service <name>', 'business service it supports (settlement, payments...)')
    .option('--criticality <level>', `one of ${CRITICALITIES.join(', ')} (high and critical are mission-essential)`)
    .option('--exposure <exposure>', `one of ${EXPOSURES.join(', ')}`)
    .option('--data-classification <label>', 'classification of the data it holds')
    .option('--well-being <impact>', `public well-being impact: ${WELL_BEING_IMPACTS.join(', ')}`)
    .action(async (name: string, flags: SetFlags) => {
      const attributes = parseAssetAttributes({
        ...(flags.owner === undefined ? {} : { owner: flags.owner }),
        ...(flags.businessService === undefined ? {} : { businessService: flags.businessService }),
        ...(flags.criticality === undefined ? {} : { criticality: flags.criticality }),
        ...(flags.exposure === undefined ? {} : { exposure: flags.exposure }),
        ...(flags.dataClassification === undefined ? {} : { dataClassification: flags.dataClassification }),
        ...(flags.wellBeing === undefined ? {} : { wellBeingImpact: flags.wellBeing }),
      });
      const sla = await slaPolicyOf(io);
      await withTriageStore(flags.db, io, async (store) => {
        const project = await store.getProject(name);
        const updated = await store.ensureProject({ name: project.name, rootPath: project.rootPath, attributes });
        const { workItems } = await prioritise(store, { projectId: updated.id, now: nowOf(io), sla });
        io.stdout.write(`Updated asset ${updated.name}; ${workItems} work item(s) prioritised again.\n`);
      });
      result.code = 0;
    });
}

import type { DependencyKind } from '../graph/dependency-graph.js';

/** What a lockfile parser needs from package.json: the root's name and declared dependencies. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies: readonly { readonly name: string; readonly range: string; readonly kind: DependencyKind }[];
}

const SECTIONS: readonly [string, DependencyKind][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
];

/** Read the parts of a package.json text the lockfile parsers use; `undefined` when it is not JSON. */
export function parsePackageManifest(text: string): PackageManifest | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const record = doc as Record<string, unknown>;
  const dependencies: { name: string; range: string; kind: DependencyKind }[] = [];
  for (const [section, kind] of SECTIONS) {
    const deps = record[section];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof range === 'string') dependencies.push({ name, range, kind });
    }
  }
  return {
    name: typeof record.name === 'string' ? record.name : '',
    version: typeof record.version === 'string' ? record.version : '',
    dependencies,
  };
}

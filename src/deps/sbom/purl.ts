import { PackageURL } from 'packageurl-js';

/** Package URL of an npm package: `pkg:npm/lodash@4.17.15`, `pkg:npm/%40babel/core@7.1.0`. */
export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const namespace = slash > 0 ? name.slice(0, slash) : undefined;
  const bare = slash > 0 ? name.slice(slash + 1) : name;
  return new PackageURL('npm', namespace, bare, version, undefined, undefined).toString();
}

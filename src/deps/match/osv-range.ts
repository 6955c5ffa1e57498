import semver from 'semver';

import type { AffectedPackage, AffectedRange, OsvEvent } from '../advisory/advisory-record.js';

const OPTIONS = { loose: true } as const;

/** A comparable semver string, or `undefined` for versions npm ranges cannot order (git URLs, tags). */
export function cleanVersion(version: string): string | undefined {
  const valid = semver.valid(version, OPTIONS);
  if (valid !== null) return valid;
  // GitHub's OSV export has partial versions (`"introduced": "1.0"` in GHSA-r683-j2x4-v87g):
  // read them as 1.0.0 rather than silently dropping the event, which would under-report.
  if (/^\d+(?:\.\d+)?$/.test(version)) return semver.valid(version.includes('.') ? `${version}.0` : `${version}.0.0`) ?? undefined;
  return undefined;
}

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

function compareEvents(a: OsvEvent, b: OsvEvent): number {
  const va = eventVersion(a);
  const vb = eventVersion(b);
  // `introduced: "0"` is below every version (OSV spec, "Evaluation").
  if (va === '0') return vb === '0' ? 0 : -1;
  if (vb === '0') return 1;
  const ca = va === undefined ? undefined : cleanVersion(va);
  const cb = vb === undefined ? undefined : cleanVersion(vb);
  if (ca === undefined || cb === undefined) return 0;
  return semver.compare(ca, cb, OPTIONS);
}

/**
 * Whether `version` falls in one SEMVER/ECOSYSTEM range, per the OSV spec's evaluation: walk the
 * events sorted by version; `introduced <= v` opens, `fixed <= v` closes, `last_affected < v` closes.
 */
export function isInRange(version: string, range: AffectedRange): boolean {
  if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') return false;
  const v = cleanVersion(version);
  if (v === undefined) return false;
  let affected = false;
  for (const e of [...range.events].sort(compareEvents)) {
    if (e.introduced !== undefined) {
      const at = e.introduced === '0' ? undefined : cleanVersion(e.introduced);
      if (e.introduced === '0' || (at !== undefined && semver.gte(v, at, OPTIONS))) affected = true;
    } else if (e.fixed !== undefined) {
      const at = cleanVersion(e.fixed);
      if (at !== undefined && semver.gte(v, at, OPTIONS)) affected = false;
    } else if (e.last_affected !== undefined) {
      const at = cleanVersion(e.last_affected);
      if (at !== undefined && semver.gt(v, at, OPTIONS)) affected = false;
    }
  }
  return affected;
}

/** Whether `version` is affected by one `affected[]` entry: its explicit `versions` or any of its ranges. */
export function isAffected(version: string, affected: AffectedPackage): boolean {
  const v = cleanVersion(version);
  if (affected.versions.some((listed) => listed === version || (v !== undefined && cleanVersion(listed) === v))) return true;
  return affected.ranges.some((r) => isInRange(version, r));
}

/**
 * The lowest version above `version` that none of `entries` affects, among the `fixed` events they
 * name; `undefined` when the advisory names no fix (only `last_affected`, or nothing).
 */
export function lowestFixedVersion(version: string, entries: readonly AffectedPackage[]): string | undefined {
  const v = cleanVersion(version);
  if (v === undefined) return undefined;
  const candidates = new Set<string>();
  for (const a of entries) {
    for (const r of a.ranges) {
      for (const e of r.events) {
        const fixed = e.fixed === undefined ? undefined : cleanVersion(e.fixed);
        if (fixed !== undefined && semver.gt(fixed, v, OPTIONS)) candidates.add(fixed);
      }
    }
  }
  return [...candidates].sort((a, b) => semver.compare(a, b, OPTIONS)).find((c) => !entries.some((a) => isAffected(c, a)));
}

/** Whether `version` satisfies a declared range (`^4.17.15`, `npm:^1`, `*`); false for ranges semver cannot read. */
export function satisfiesRange(version: string, range: string): boolean {
  const plain = range.startsWith('npm:') ? range.slice(range.lastIndexOf('@') + 1) : range;
  if (semver.validRange(plain, OPTIONS) === null) return false;
  return semver.satisfies(version, plain, OPTIONS);
}

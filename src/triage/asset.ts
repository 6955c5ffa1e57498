import { UsageError } from '../core/index.js';
import type { AssetAttributes } from '../store/index.js';
import type { MissionImpact } from './ssvc/ssvc.js';

/** How much the business depends on the asset; `critical` and `high` are mission-essential (settlement, payments). */
export type Criticality = 'low' | 'medium' | 'high' | 'critical';
/** Who can reach the asset: the internet, partners, the internal network, or nobody over a network. */
export type Exposure = 'internet' | 'partner' | 'internal' | 'isolated';
/** SSVC public well-being impact of a compromise. */
export type WellBeingImpact = 'minimal' | 'material' | 'irreversible';

/** An asset's attributes with every default filled in. */
export interface AssetProfile {
  readonly owner: string;
  readonly businessService: string;
  readonly criticality: Criticality;
  readonly exposure: Exposure;
  readonly dataClassification: string;
  readonly wellBeingImpact: WellBeingImpact;
}

/** Defaults for attributes the project does not set; `yagura asset show` prints which ones apply. */
export const DEFAULT_ASSET: AssetProfile = {
  owner: 'unassigned',
  businessService: 'unassigned',
  criticality: 'medium',
  exposure: 'internal',
  dataClassification: 'internal',
  wellBeingImpact: 'minimal',
};

/** Every criticality, least first. */
export const CRITICALITIES: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];
/** Every exposure, most exposed first. */
export const EXPOSURES: readonly Exposure[] = ['internet', 'partner', 'internal', 'isolated'];
/** Every well-being impact, least first. */
export const WELL_BEING_IMPACTS: readonly WellBeingImpact[] = ['minimal', 'material', 'irreversible'];

/** An asset profile and the keys that took their default. */
export interface ResolvedAsset {
  readonly profile: AssetProfile;
  readonly defaulted: readonly (keyof AssetProfile)[];
}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Fill the defaults of stored asset attributes; unknown values count as unset. */
export function resolveAsset(attributes: AssetAttributes): ResolvedAsset {
  const given: Partial<Record<keyof AssetProfile, string | undefined>> = {
    owner: text(attributes.owner),
    businessService: text(attributes.businessService),
    criticality: pick(attributes.criticality, CRITICALITIES),
    exposure: pick(attributes.exposure, EXPOSURES),
    dataClassification: text(attributes.dataClassification),
    wellBeingImpact: pick(attributes.wellBeingImpact, WELL_BEING_IMPACTS),
  };
  const keys = Object.keys(DEFAULT_ASSET) as (keyof AssetProfile)[];
  const defaulted = keys.filter((k) => given[k] === undefined);
  const profile = Object.fromEntries(keys.map((k) => [k, given[k] ?? DEFAULT_ASSET[k]])) as unknown as AssetProfile;
  return { profile, defaulted };
}

/** Check user-given attributes (CLI, config) and return them as stored attributes; `UsageError` names a bad one. */
export function parseAssetAttributes(input: Readonly<Partial<Record<keyof AssetProfile, string>>>): AssetAttributes {
  const check = <T extends string>(key: keyof AssetProfile, allowed: readonly T[]): T | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    const valid = pick(value, allowed);
    if (valid === undefined) throw new UsageError(`${key} must be one of ${allowed.join(', ')}, not "${value}"`);
    return valid;
  };
  const out: Record<string, string> = {};
  const criticality = check('criticality', CRITICALITIES);
  const exposure = check('exposure', EXPOSURES);
  const wellBeingImpact = check('wellBeingImpact', WELL_BEING_IMPACTS);
  if (criticality) out.criticality = criticality;
  if (exposure) out.exposure = exposure;
  if (wellBeingImpact) out.wellBeingImpact = wellBeingImpact;
  for (const key of ['owner', 'businessService', 'dataClassification'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (value.trim() === '') throw new UsageError(`${key} cannot be empty`);
    out[key] = value;
  }
  return out;
}

/**
 * SSVC Mission and Well-Being Impact of the asset: high when mission-essential (criticality high or critical)
 * or well-being irreversible; medium when it supports the mission or well-being impact is material; else low.
 */
export function missionImpact(profile: AssetProfile): MissionImpact {
  if (profile.criticality === 'critical' || profile.criticality === 'high' || profile.wellBeingImpact === 'irreversible') {
    return 'high';
  }
  if (profile.criticality === 'medium' || profile.wellBeingImpact === 'material') return 'medium';
  return 'low';
}

/** BOD 26-04 Asset Exposure: reachable by untrusted parties over public networks. */
export function isPubliclyExposed(profile: AssetProfile): boolean {
  return profile.exposure === 'internet';
}

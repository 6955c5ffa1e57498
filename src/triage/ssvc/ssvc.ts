import type { SsvcDecision } from '../../store/index.js';
import bodTable from './data/cisa_bod_26_04_1_0_0.json' with { type: 'json' };
import coordinatorTable from './data/cisa_coordinator_2_0_3.json' with { type: 'json' };

/** SSVC Exploitation: no evidence, a public proof of concept (or a proven finding), or active exploitation (KEV). */
export type Exploitation = 'none' | 'poc' | 'active';
/** SSVC Technical Impact. */
export type TechnicalImpact = 'partial' | 'total';
/** SSVC Mission and Well-Being Impact. */
export type MissionImpact = 'low' | 'medium' | 'high';

/** The four inputs of CISA's SSVC tree. */
export interface CisaInputs {
  readonly exploitation: Exploitation;
  readonly automatable: boolean;
  readonly technicalImpact: TechnicalImpact;
  readonly missionImpact: MissionImpact;
}

/** A decision and what produced it: the table version and the inputs, stored with every work item. */
export interface CisaDecision {
  readonly decision: SsvcDecision;
  readonly table: string;
  readonly inputs: CisaInputs;
}

/** CISA BOD 26-04 remediation timeline, from its four-question table. */
export type Bod2604Timeline = 'fix-on-upgrade' | '60-days' | '14-days' | '3-days' | '3-days-forensic';

/** The inputs of the BOD 26-04 table. */
export interface Bod2604Inputs {
  readonly kev: boolean;
  readonly exposed: boolean;
  readonly automatable: boolean;
  readonly technicalImpact: TechnicalImpact;
}

/** A BOD 26-04 timeline and what produced it. */
export interface Bod2604Decision {
  readonly timeline: Bod2604Timeline;
  readonly table: string;
  readonly inputs: Bod2604Inputs;
}

/** Id of the vendored CISA coordinator table (CERTCC/SSVC `cisa_coordinator_2_0_3.json`). */
export const CISA_TABLE_ID = `ssvc-cisa-${coordinatorTable.version}`;
/** Id of the vendored BOD 26-04 table (CERTCC/SSVC `cisa_bod_26_04_1_0_0.json`). */
export const BOD_2604_TABLE_ID = `cisa-bod-26-04-${bodTable.version}`;

interface DecisionTable {
  readonly outcome: string;
  readonly mapping: readonly Readonly<Record<string, string>>[];
}

/** Index a table's mapping by its input columns in `order`: `"N|Y|T|H"` -> outcome key. */
function indexTable(table: DecisionTable, order: readonly string[]): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const row of table.mapping) {
    const key = order.map((column) => row[column] ?? '?').join('|');
    const outcome = row[table.outcome];
    if (outcome === undefined || index.has(key)) throw new Error(`SSVC table row ${key} is missing or repeated`);
    index.set(key, outcome);
  }
  return index;
}

const CISA_COLUMNS = ['ssvc:E:1.1.0', 'ssvc:A:2.0.0', 'ssvc:TI:1.0.0', 'ssvc:MWI:1.0.0'] as const;
const BOD_COLUMNS = ['cisa:KEV:1.0.0', 'cisa:AE:1.0.0', 'ssvc:A:2.0.0', 'ssvc:TI:1.0.0'] as const;
const CISA_INDEX = indexTable(coordinatorTable, CISA_COLUMNS);
const BOD_INDEX = indexTable(bodTable, BOD_COLUMNS);

const EXPLOITATION_KEY: Readonly<Record<Exploitation, string>> = { none: 'N', poc: 'P', active: 'A' };
const IMPACT_KEY: Readonly<Record<TechnicalImpact, string>> = { partial: 'P', total: 'T' };
const MISSION_KEY: Readonly<Record<MissionImpact, string>> = { low: 'L', medium: 'M', high: 'H' };
const yesNo = (value: boolean): string => (value ? 'Y' : 'N');
const CISA_OUTCOME: Readonly<Record<string, SsvcDecision>> = { T: 'track', 'T*': 'track*', AT: 'attend', AC: 'act' };
const BOD_OUTCOME: Readonly<Record<string, Bod2604Timeline>> = {
  FSU: 'fix-on-upgrade',
  '60D': '60-days',
  '14D': '14-days',
  '3D': '3-days',
  '3DF': '3-days-forensic',
};

/**
 * CISA's SSVC decision (Track, Track*, Attend, Act) for the inputs, looked up in the vendored table.
 * @example
 * decideCisa({ exploitation: 'active', automatable: true, technicalImpact: 'total', missionImpact: 'high' }).decision // 'act'
 */
export function decideCisa(inputs: CisaInputs): CisaDecision {
  const key = [
    EXPLOITATION_KEY[inputs.exploitation],
    yesNo(inputs.automatable),
    IMPACT_KEY[inputs.technicalImpact],
    MISSION_KEY[inputs.missionImpact],
  ].join('|');
  const outcome = CISA_INDEX.get(key);
  const decision = outcome === undefined ? undefined : CISA_OUTCOME[outcome];
  if (decision === undefined) throw new Error(`The SSVC table ${CISA_TABLE_ID} has no row for ${key}`);
  return { decision, table: CISA_TABLE_ID, inputs: { ...inputs } };
}

/** CISA BOD 26-04 remediation timeline for the inputs, looked up in the vendored table. */
export function decideBod2604(inputs: Bod2604Inputs): Bod2604Decision {
  const key = [yesNo(inputs.kev), yesNo(inputs.exposed), yesNo(inputs.automatable), IMPACT_KEY[inputs.technicalImpact]].join('|');
  const outcome = BOD_INDEX.get(key);
  const timeline = outcome === undefined ? undefined : BOD_OUTCOME[outcome];
  if (timeline === undefined) throw new Error(`The table ${BOD_2604_TABLE_ID} has no row for ${key}`);
  return { timeline, table: BOD_2604_TABLE_ID, inputs: { ...inputs } };
}

/** Rank of a decision for ordering: track 0, track* 1, attend 2, act 3. */
export function decisionRank(decision: SsvcDecision): number {
  return ['track', 'track*', 'attend', 'act'].indexOf(decision);
}

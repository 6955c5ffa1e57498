import { createHash } from 'node:crypto';

import { YAGURA_VERSION } from '../../core/index.js';
import type { DependencyAudit } from '../audit/audit-dependencies.js';
import { npmPurl } from './purl.js';

/** Options of {@link renderOpenVex}. */
export interface OpenVexOptions {
  /** Who makes the statements, e.g. "Bank security team <psirt@bank.example>". */
  readonly author: string;
  /** Issue time (ISO 8601). */
  readonly timestamp: string;
  /** Document IRI; by default derived from the statements' content. */
  readonly id?: string;
}

/** An OpenVEX 0.2.0 statement, as written. */
export interface OpenVexStatement {
  readonly vulnerability: { readonly name: string; readonly aliases?: readonly string[] };
  readonly products: readonly { readonly '@id': string; readonly subcomponents: readonly { readonly '@id': string }[] }[];
  readonly status: 'not_affected' | 'affected' | 'under_investigation';
  readonly justification?: 'vulnerable_code_not_in_execute_path';
  readonly action_statement?: string;
  readonly status_notes: string;
}

/** An OpenVEX 0.2.0 document. */
export interface OpenVexDocument {
  readonly '@context': 'https://openvex.dev/ns/v0.2.0';
  readonly '@id': string;
  readonly author: string;
  readonly timestamp: string;
  readonly version: number;
  readonly tooling: string;
  readonly statements: readonly OpenVexStatement[];
}

/**
 * Build an OpenVEX document from an audit: the product is the project, each vulnerable package a
 * subcomponent. Unreachable: `not_affected` + `vulnerable_code_not_in_execute_path`; reachable:
 * `affected` with the upgrade as action; unknown: `under_investigation`. `undefined` when there is
 * nothing to state (OpenVEX requires at least one statement).
 */
export function renderOpenVex(audit: DependencyAudit, options: OpenVexOptions): OpenVexDocument | undefined {
  if (audit.matches.length === 0) return undefined;
  const product = npmPurl(audit.graph.rootName || 'project', audit.graph.rootVersion || '0.0.0');
  const statements = audit.matches.map((match, i): OpenVexStatement => {
    const verdict = audit.verdicts[i];
    const finding = audit.findings[i];
    const base = {
      vulnerability: { name: match.advisory.id, ...(match.advisory.aliases.length > 0 ? { aliases: [...match.advisory.aliases] } : {}) },
      products: [{ '@id': product, subcomponents: [{ '@id': npmPurl(match.node.name, match.node.version) }] }],
      status_notes: verdict?.reason ?? 'Reachability was not analysed.',
    };
    if (verdict?.status === 'unreachable') return { ...base, status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' };
    if (verdict?.status === 'reachable') return { ...base, status: 'affected', action_statement: finding?.fix ?? `Upgrade ${match.node.name}.` };
    return { ...base, status: 'under_investigation' };
  });
  const digest = createHash('sha256').update(JSON.stringify(statements)).digest('hex').slice(0, 32);
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': options.id ?? `https://openvex.dev/docs/yagura/vex-${digest}`,
    author: options.author,
    timestamp: options.timestamp,
    version: 1,
    tooling: `yagura ${YAGURA_VERSION}`,
    statements,
  };
}

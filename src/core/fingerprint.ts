import { createHash } from 'node:crypto';

/** What a fingerprint is made of. None of it moves when unrelated lines are added above. */
export interface FingerprintParts {
  readonly ruleId: string;
  readonly file: string;
  /** Source text of the sink expression; white space is folded before hashing. */
  readonly sinkText: string;
  /** Name of the enclosing function, or `<module>`. */
  readonly enclosing: string;
  /** Source text or kind of the flow's source, when there is one. */
  readonly sourceText?: string;
  /** Index among findings with the same other parts in the same file (0 for the first). */
  readonly occurrence?: number;
}

/** Stable fingerprint of a finding: a hex SHA-256 prefix of its normalised parts. */
export function computeFingerprint(parts: FingerprintParts): string {
  const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const material = [
    'v1',
    parts.ruleId,
    parts.file,
    fold(parts.sinkText),
    parts.enclosing,
    fold(parts.sourceText ?? ''),
    String(parts.occurrence ?? 0),
  ].join('\u0000');
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

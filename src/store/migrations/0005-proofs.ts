/**
 * Proof evidence: every attempt of the proof stage to reproduce a finding with an executable witness in
 * the sandbox (witness script, payload, oracle, runs, timings, sandbox settings, tool versions as JSON).
 * A verified proof moves the finding to `proven`; the attempt is kept whatever its outcome.
 */
export const migration0005Proofs = `
create table finding_proofs (
  id uuid primary key,
  finding_id uuid not null references findings (id) on delete cascade,
  at timestamptz not null,
  actor text not null check (actor <> ''),
  status text not null check (status in ('proven', 'not-reproduced', 'unsupported', 'failed')),
  witness_class text,
  evidence jsonb not null
);
create index finding_proofs_finding_idx on finding_proofs (finding_id, at);
`;

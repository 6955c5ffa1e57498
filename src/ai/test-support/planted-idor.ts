import type { ScriptedTurn } from './scripted-turns.js';

/** A witness showing that bob reads alice's account through `getAccountSummary` of examples/payments-api. */
export const IDOR_WITNESS = {
  script: [
    "const { getAccountSummary } = require('../src/lib/accounts');",
    "const leaked = getAccountSummary({ user: 'bob' }, 'acc-1001');",
    "if (leaked && typeof leaked.balanceCents === 'number') console.log('IDOR: bob read acc-1001 balance ' + leaked.balanceCents);",
  ].join('\n'),
  expectStdout: 'IDOR: bob read acc-1001',
};

/** The hunter's claim of the planted IDOR. */
export const IDOR_CLAIM = {
  ruleId: 'missing-authorization',
  title: 'Account summary returned without an ownership check',
  cwe: ['CWE-639'],
  severity: 'high',
  file: 'src/lib/accounts.js',
  line: 14,
  function: 'getAccountSummary',
  message: "getAccountSummary() returns any account's IBAN and balance to any signed-in customer.",
  explanation: 'The session user is never compared with the account owner, so a customer can read other customers\' accounts (IDOR).',
  fix: 'Return the account only when account.owner equals session.user, as getAccountSummarySafe does.',
  flow: [
    { kind: 'source', file: 'src/lib/accounts.js', line: 9, message: 'accountId chosen by the caller' },
    { kind: 'sink', file: 'src/lib/accounts.js', line: 14, message: 'account data returned without comparing session.user with account.owner' },
  ],
  witness: IDOR_WITNESS,
};

/** A false claim: the safe twin checks the owner, so this witness prints nothing. */
export const FALSE_CLAIM = {
  ...IDOR_CLAIM,
  title: 'Safe account summary leaks accounts',
  function: 'getAccountSummarySafe',
  line: 22,
  flow: [{ kind: 'sink', file: 'src/lib/accounts.js', line: 22, message: 'claimed leak' }],
  witness: {
    script: [
      "const { getAccountSummarySafe } = require('../src/lib/accounts');",
      "const leaked = getAccountSummarySafe({ user: 'bob' }, 'acc-1001');",
      "if (leaked) console.log('IDOR: bob read acc-1001');",
    ].join('\n'),
    expectStdout: 'IDOR: bob read acc-1001',
  },
};

/** Ranking, read, report, finish: the turns of a hunt that finds `claim` in src/lib/accounts.js. */
export function huntTurns(claim: unknown, tokens: { readonly inputTokens: number; readonly outputTokens: number } = { inputTokens: 100, outputTokens: 50 }): ScriptedTurn[] {
  return [
    { text: JSON.stringify({ targets: [{ file: 'src/lib/accounts.js', focus: 'getAccountSummary', reason: 'returns account data by id' }] }), ...tokens },
    { text: 'Reading the account code.', toolCalls: [{ name: 'read_file', input: { path: 'src/lib/accounts.js' } }], ...tokens },
    { toolCalls: [{ name: 'report_finding', input: claim }], ...tokens },
    { toolCalls: [{ name: 'finish', input: { summary: 'done' } }], ...tokens },
  ];
}

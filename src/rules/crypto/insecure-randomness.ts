import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Math.random() values used as secrets (CWE-338). */
export const insecureRandomness = createRule({
  id: 'insecure-randomness',
  meta: {
    description: 'Detect Math.random() values used for tokens, keys, salts or other secrets',
    severity: 'medium',
    cwe: ['CWE-338'],
    status: 'experimental',
    sinkKinds: ['insecure-randomness'],
    messages: { predictableSecret: 'Predictable value from {{source}} is used as a secret at {{sink}}.' },
    explanation:
      '`Math.random()` is a fast, non-cryptographic generator (xorshift128+ in V8): a few outputs reveal its state, ' +
      'so tokens, password-reset codes, session ids, keys and salts derived from it can be predicted.',
    fix:
      'Use the CSPRNG: `crypto.randomBytes(32).toString("hex")`, `crypto.randomUUID()`, `crypto.randomInt(n)` or ' +
      '`crypto.getRandomValues()`.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      if (flow.source.label !== 'insecure-random') return;
      reportFlow(context, flow, 'predictableSecret');
    },
  }),
});

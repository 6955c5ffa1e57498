import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data used as a regular-expression pattern (CWE-730). */
export const regexInjection = createRule({
  id: 'regex-injection',
  meta: {
    description: 'Detect untrusted data used as a regular expression pattern',
    severity: 'medium',
    cwe: ['CWE-730'],
    status: 'experimental',
    sinkKinds: ['regex-injection'],
    messages: { taintedPattern: 'Regular expression built from {{source}} by {{sink}}.' },
    explanation:
      'A pattern chosen by the attacker can backtrack exponentially (`(a+)+$`) and block the event loop, denying ' +
      'service to every user of the process; it can also change what a validation matches (`.*`), bypassing checks.',
    fix:
      'Escape input before putting it in a pattern (`escape-string-regexp`, `_.escapeRegExp`) or avoid regular ' +
      'expressions for literal matching (`includes`, `startsWith`). If users must supply patterns, run them with ' +
      'a linear-time engine such as RE2.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedPattern');
    },
  }),
});

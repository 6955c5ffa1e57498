import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Attacker-chosen keys written into objects by a merge/set walk (CWE-1321). */
export const prototypePollution = createRule({
  id: 'prototype-pollution',
  meta: {
    description: 'Detect unguarded writes of attacker-controlled keys and values while walking object paths',
    severity: 'high',
    cwe: ['CWE-1321'],
    status: 'experimental',
    sinkKinds: ['prototype-pollution'],
    messages: {
      pollutedWrite: 'Key and value from {{source}} are written by a {{walk}} object walk at {{sink}} without a `__proto__` guard.',
    },
    explanation:
      'A recursive merge or set-by-path that follows keys like `__proto__` or `constructor.prototype` writes into ' +
      '`Object.prototype`, so every object in the process gains the property: checks such as `if (user.isAdmin)` ' +
      'flip, templates and child_process options pick up injected values, and this often ends in code execution ' +
      'or denial of service.',
    fix:
      "Skip the keys `__proto__`, `constructor` and `prototype` before writing (`if (key === '__proto__' || key === " +
      "'constructor' || key === 'prototype') continue`), copy only own properties (`Object.hasOwn`), create targets with " +
      '`Object.create(null)`, or use a `Map`. Freezing `Object.prototype` is a defence in depth.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      const recursive = flow.details?.recursive === true;
      reportFlow(context, flow, 'pollutedWrite', { walk: recursive ? 'recursive' : 'key-path' });
    },
  }),
});

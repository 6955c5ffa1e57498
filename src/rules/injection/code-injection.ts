import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data evaluated as code (CWE-94). */
export const codeInjection = createRule({
  id: 'code-injection',
  meta: {
    description: 'Detect untrusted data evaluated as code by eval, Function, vm, dynamic require/import or a template compiler',
    severity: 'critical',
    cwe: ['CWE-94'],
    status: 'experimental',
    sinkKinds: ['code-injection'],
    messages: { taintedCode: 'Code built from {{source}} is evaluated by {{sink}}.' },
    explanation:
      'Text handed to `eval`, `new Function`, `vm.run*`, a string `setTimeout`, a template compiler (ejs, pug, ' +
      'handlebars, lodash.template) or a dynamic `require`/`import` runs with the full rights of the process: the ' +
      'attacker can read files and environment secrets, spawn processes and open connections. `vm` is not a sandbox.',
    fix:
      'Never evaluate input. Parse data with `JSON.parse`, select behaviour from a fixed map of functions ' +
      '(`handlers[name]` after an allow-list check), render templates from files you ship and pass input only as ' +
      'template data, and resolve modules from a fixed list of names.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedCode');
    },
  }),
});

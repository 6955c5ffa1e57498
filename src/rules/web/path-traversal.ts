import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data in a file-system path (CWE-22). */
export const pathTraversal = createRule({
  id: 'path-traversal',
  meta: {
    description: 'Detect untrusted data reaching a file-system path',
    severity: 'high',
    cwe: ['CWE-22'],
    status: 'experimental',
    sinkKinds: ['path-traversal'],
    messages: { taintedPath: 'File path built from {{source}} reaches {{sink}}.' },
    explanation:
      '`../` sequences and absolute paths walk out of the intended directory: the attacker reads source code, ' +
      'keys and `/etc/passwd`, or overwrites and deletes files (uploads, configuration, `.ssh/authorized_keys`).',
    fix:
      'Resolve the path against a fixed root and check containment: `const full = path.resolve(root, input); ' +
      'if (!full.startsWith(root + path.sep)) reject`. Take only `path.basename(input)` when a plain file name is ' +
      'expected, and use `res.sendFile(name, { root })` in Express.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedPath');
    },
  }),
});

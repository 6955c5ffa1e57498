import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data in a shell command or a program name (CWE-78). */
export const commandInjection = createRule({
  id: 'command-injection',
  meta: {
    description: 'Detect untrusted data reaching a shell command or the program a process runs',
    severity: 'critical',
    cwe: ['CWE-78'],
    status: 'experimental',
    sinkKinds: ['command-injection'],
    messages: { taintedCommand: 'Command built from {{source}} reaches {{sink}}.' },
    explanation:
      'A shell parses metacharacters such as `;`, `|`, `&&`, `$( )` and backticks, so input that reaches a command ' +
      'string runs arbitrary commands with the privileges of the process (read secrets, pivot, install malware). ' +
      'Choosing the program name is just as bad: the attacker picks the binary.',
    fix:
      'Do not build command lines from input. Call the program directly with `execFile`/`spawn` and an argument array, ' +
      'without `shell: true`, and pass a fixed program name; validate arguments against an allow-list and put `--` ' +
      'before user-supplied operands so they cannot be read as options. If a shell is unavoidable, quote each argument ' +
      'with `shell-quote`.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedCommand');
    },
  }),
});

import type { LibraryModel, Rule, TaintFlow } from '../../core/index.js';
import { createRule } from '../../core/index.js';
import { SINK_KINDS } from '../taint/value.js';

/** Small inline models for engine tests (the real ones live in src/models). */
export const TEST_MODELS: readonly LibraryModel[] = [
  {
    id: 'test-child-process',
    description: 'child_process sinks',
    sinks: [{ root: { module: 'child_process' }, path: 'Member[exec,execSync,spawn].Argument[0]', kind: 'command-injection', description: 'child_process.exec()' }],
  },
  {
    id: 'test-fs',
    description: 'fs sinks',
    sinks: [{ root: { module: 'fs' }, path: 'Member[readFileSync,readFile,createReadStream].Argument[0]', kind: 'path-traversal', description: 'fs.readFileSync()' }],
  },
  {
    id: 'test-path',
    description: 'path propagators and startsWith guard',
    propagators: [{ root: { module: 'path' }, path: 'Member[join,resolve,normalize]', from: 'Argument[0..]', to: 'ReturnValue' }],
    guards: [{ root: { method: 'startsWith' }, path: '', checks: 'receiver', safeWhen: 'true', kinds: ['path-traversal'], description: 'startsWith(root)' }],
  },
  {
    id: 'test-express',
    description: 'express request sources',
    sources: [
      {
        root: { module: 'express' },
        path: 'ReturnValue.Member[get,post,use].Argument[1..].Parameter[0].Member[query,body,params]',
        label: 'user-input',
        description: 'req.query',
        threatModel: 'application',
      },
    ],
  },
];

/** A rule that reports every flow it is given, for snapshotting what the engine finds. */
export function createEveryFlowRule(collect?: (flow: TaintFlow) => void): Rule {
  return createRule({
    id: 'every-flow',
    meta: {
      description: 'Detect every flow (engine tests)',
      severity: 'high',
      cwe: ['CWE-20'],
      status: 'experimental',
      messages: { flow: '{{source}} reaches {{sink}}' },
      explanation: 'Test rule.',
      fix: 'Test rule.',
      sinkKinds: SINK_KINDS,
    },
    create: (context) => ({
      taintedSink: (flow) => {
        collect?.(flow);
        context.report({ flow, messageId: 'flow' });
      },
    }),
  });
}

import type { LibraryModel } from '../../core/index.js';

const root = { module: 'vm' } as const;

/** Node's `vm`: compiles and runs code; not a security boundary (Node docs). */
export const vmModel: LibraryModel = {
  id: 'vm',
  description: "Node's vm module: code strings compiled and run",
  sinks: [
    {
      root,
      path: 'Member[runInNewContext,runInThisContext,runInContext,compileFunction].Argument[0]',
      kind: 'code-injection',
      description: 'vm.runInNewContext()',
    },
    {
      root,
      path: 'Member[Script,SourceTextModule].Argument[0]',
      kind: 'code-injection',
      description: 'new vm.Script()',
    },
  ],
};

import type { LibraryModel } from '../../core/index.js';

/** pug: template source compiled from input is code. */
export const pugModel: LibraryModel = {
  id: 'pug',
  description: 'pug: template text given to compile/render is code',
  sinks: [
    {
      root: { module: 'pug' },
      path: 'Member[compile,render,compileClient,compileClientWithDependenciesTracked].Argument[0]',
      kind: 'code-injection',
      description: 'pug.compile()',
    },
  ],
};

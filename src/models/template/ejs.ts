import type { LibraryModel } from '../../core/index.js';

/**
 * ejs: a template compiled from input is code (server-side template injection). Unescaped `<%-`
 * output of tainted data is not modelled (it needs template parsing): see docs/rules/xss.md.
 */
export const ejsModel: LibraryModel = {
  id: 'ejs',
  description: 'ejs: template text given to render/compile is code',
  sinks: [
    { root: { module: 'ejs' }, path: 'Member[render,compile].Argument[0]', kind: 'code-injection', description: 'ejs.render()' },
  ],
};

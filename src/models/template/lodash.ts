import type { LibraryModel } from '../../core/index.js';

/** lodash: `_.template(src)` compiles code; `_.escape` encodes HTML; `_.escapeRegExp` escapes patterns. */
export const lodashModel: LibraryModel = {
  id: 'lodash',
  description: 'lodash: template() as code sink; escape()/escapeRegExp() as sanitizers',
  sinks: [
    { root: { module: 'lodash' }, path: 'Member[template].Argument[0]', kind: 'code-injection', description: '_.template()' },
    { root: { module: 'lodash.template' }, path: 'Argument[0]', kind: 'code-injection', description: 'lodash.template()' },
  ],
  sanitizers: [
    { root: { module: 'lodash' }, path: 'Member[escape].ReturnValue', kinds: ['xss'], description: '_.escape()' },
    { root: { module: 'lodash.escape' }, path: 'ReturnValue', kinds: ['xss'], description: 'lodash.escape()' },
    { root: { module: 'lodash' }, path: 'Member[escapeRegExp].ReturnValue', kinds: ['regex-injection'], description: '_.escapeRegExp()' },
    { root: { module: 'lodash.escaperegexp' }, path: 'ReturnValue', kinds: ['regex-injection'], description: 'lodash.escaperegexp()' },
    { root: { module: 'lodash' }, path: 'Member[toNumber,toInteger,toSafeInteger,toFinite].ReturnValue', kinds: 'all', description: '_.toNumber()' },
  ],
};

import type { LibraryModel } from '../../core/index.js';

/** escape-string-regexp: escapes regex metacharacters so input matches literally. */
export const escapeStringRegexpModel: LibraryModel = {
  id: 'escape-string-regexp',
  description: 'escape-string-regexp, lodash.escaperegexp: literal patterns from input',
  sanitizers: [
    { root: { module: 'escape-string-regexp' }, path: 'ReturnValue', kinds: ['regex-injection'], description: 'escapeStringRegexp()' },
    { root: { module: 'escape-string-regexp' }, path: 'Member[default].ReturnValue', kinds: ['regex-injection'], description: 'escapeStringRegexp()' },
    { root: { module: 'escape-regexp' }, path: 'ReturnValue', kinds: ['regex-injection'], description: 'escape-regexp()' },
  ],
};

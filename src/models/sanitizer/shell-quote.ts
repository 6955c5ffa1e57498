import type { LibraryModel } from '../../core/index.js';

/** shell-quote and shell-escape: quote arguments for a POSIX shell. */
export const shellQuoteModel: LibraryModel = {
  id: 'shell-quote',
  description: 'shell-quote quote(), shell-escape(): shell argument quoting',
  sanitizers: [
    { root: { module: 'shell-quote' }, path: 'Member[quote].ReturnValue', kinds: ['command-injection'], description: 'shell-quote quote()' },
    { root: { module: 'shell-escape' }, path: 'ReturnValue', kinds: ['command-injection'], description: 'shell-escape()' },
    { root: { module: 'any-shell-escape' }, path: 'ReturnValue', kinds: ['command-injection'], description: 'any-shell-escape()' },
  ],
};

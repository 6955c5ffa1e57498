import type { LibraryModel } from '../../core/index.js';

/** shell-quote, shell-escape, any-shell-escape, shellwords, shescape: quote arguments for a shell. */
export const shellQuoteModel: LibraryModel = {
  id: 'shell-quote',
  description: 'shell-quote quote(), shell-escape(), shellwords.escape(), shescape quote(): shell argument quoting',
  sanitizers: [
    { root: { module: 'shell-quote' }, path: 'Member[quote].ReturnValue', kinds: ['command-injection'], description: 'shell-quote quote()' },
    { root: { module: 'shell-escape' }, path: 'ReturnValue', kinds: ['command-injection'], description: 'shell-escape()' },
    { root: { module: 'any-shell-escape' }, path: 'ReturnValue', kinds: ['command-injection'], description: 'any-shell-escape()' },
    // shellwords.escape backslash-escapes every character outside [A-Za-z0-9_.,:/@-].
    { root: { module: 'shellwords' }, path: 'Member[escape].ReturnValue', kinds: ['command-injection'], description: 'shellwords.escape()' },
    // shescape quote()/quoteAll() wrap in the target shell's quotes; its escape() alone is for shell-less use.
    { root: { module: 'shescape' }, path: 'Member[quote,quoteAll].ReturnValue', kinds: ['command-injection'], description: 'shescape.quote()' },
    { root: { module: 'shescape' }, path: 'Member[Shescape].Instance.Member[quote,quoteAll].ReturnValue', kinds: ['command-injection'], description: 'new Shescape().quote()' },
  ],
};

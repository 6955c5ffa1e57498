import type { LibraryModel } from '../../core/index.js';

/** Node's `util`: `format` and `inspect` build strings from their arguments; `promisify` wraps the function it is given. */
export const utilModel: LibraryModel = {
  id: 'util',
  description: "Node's util module: format/inspect propagate taint, promisify keeps the function's sinks",
  propagators: [
    { root: { module: 'util' }, path: 'Member[format,inspect]', from: 'Argument[0..]', to: 'ReturnValue' },
    // A promisified function calls the original: `promisify(fs.writeFile)(p)` writes p.
    { root: { module: 'util' }, path: 'Member[promisify]', from: 'Argument[0]', to: 'ReturnValue', wholeValue: true },
  ],
};

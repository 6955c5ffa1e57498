import type { LibraryModel } from '../../core/index.js';

/** Node's `util`: `format` and `inspect` build strings from their arguments. */
export const utilModel: LibraryModel = {
  id: 'util',
  description: "Node's util module: format/inspect propagate taint",
  propagators: [{ root: { module: 'util' }, path: 'Member[format,inspect]', from: 'Argument[0..]', to: 'ReturnValue' }],
};

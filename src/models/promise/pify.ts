import type { LibraryModel } from '../../core/index.js';

/**
 * pify: `pify(fs)` / `pify(fs.writeFile)` return promise versions of the same functions, so the wrapped
 * module's sinks still apply (`pify(fs).writeFile(p)` writes p).
 */
export const pifyModel: LibraryModel = {
  id: 'pify',
  description: 'pify: promisified modules and functions keep their sinks',
  propagators: [{ root: { module: 'pify' }, path: '', from: 'Argument[0]', to: 'ReturnValue', wholeValue: true }],
};

import type { LibraryModel } from '../../core/index.js';

const root = { module: 'url' } as const;

/**
 * Node's `url` and the WHATWG `URL`: parsing keeps taint (hostname included). An allow-list check of the
 * parsed host (`ALLOWED.includes(url.parse(x).hostname)`) is the `includes`/`has` guard of the globals model.
 */
export const urlModel: LibraryModel = {
  id: 'url',
  description: "Node's url module and the URL class: parsing and formatting propagate taint",
  propagators: [
    { root, path: 'Member[parse,format,resolve,fileURLToPath,pathToFileURL]', from: 'Argument[0..]', to: 'ReturnValue' },
    { root: { global: 'URL' }, path: '', from: 'Argument[0,1]', to: 'Instance' },
    { root, path: 'Member[URL]', from: 'Argument[0,1]', to: 'Instance' },
    { root: { global: 'URLSearchParams' }, path: '', from: 'Argument[0]', to: 'Instance' },
  ],
};

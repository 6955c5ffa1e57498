import type { LibraryModel } from '../../core/index.js';

const root = { module: 'path' } as const;

/** Node's `path`: basename strips directories; `resolve` + `startsWith(root)` confines a path. */
export const pathModel: LibraryModel = {
  id: 'path',
  description: "Node's path module: basename as a sanitizer, join/resolve as propagators, startsWith(root) guards",
  sanitizers: [
    {
      // basename('../../etc/passwd') is 'passwd': no directory part survives (but '..' itself does).
      root,
      path: 'Member[basename].ReturnValue',
      kinds: ['path-traversal'],
      description: 'path.basename()',
    },
    {
      root: { module: 'path' },
      path: 'Member[posix,win32].Member[basename].ReturnValue',
      kinds: ['path-traversal'],
      description: 'path.posix.basename()',
    },
  ],
  guards: [
    {
      // `if (!full.startsWith(rootDir)) return`: sound only on a resolved/normalised path (documented in path-traversal.md).
      root: { method: 'startsWith' },
      path: '',
      checks: 'receiver',
      safeWhen: 'true',
      kinds: ['path-traversal'],
      description: 'String.prototype.startsWith(root)',
    },
  ],
  propagators: [
    {
      root,
      path: 'Member[join,resolve,normalize,relative,dirname,extname,format,toNamespacedPath]',
      from: 'Argument[0..]',
      to: 'ReturnValue',
    },
    { root, path: 'Member[parse]', from: 'Argument[0]', to: 'ReturnValue' },
    {
      root,
      path: 'Member[posix,win32].Member[join,resolve,normalize,relative,dirname]',
      from: 'Argument[0..]',
      to: 'ReturnValue',
    },
  ],
};

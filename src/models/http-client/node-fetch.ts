import type { LibraryModel } from '../../core/index.js';

/** node-fetch and the global `fetch` (Node 18+): the resource argument. */
export const nodeFetchModel: LibraryModel = {
  id: 'node-fetch',
  description: 'node-fetch and global fetch: the URL as SSRF sink',
  sinks: [
    { root: { module: 'node-fetch' }, path: 'Argument[0]', kind: 'ssrf', description: 'fetch()' },
    { root: { module: 'node-fetch' }, path: 'Member[default].Argument[0]', kind: 'ssrf', description: 'fetch()' },
    { root: { module: 'node-fetch' }, path: 'Member[Request].Argument[0]', kind: 'ssrf', description: 'new Request()' },
    { root: { global: 'fetch' }, path: 'Argument[0]', kind: 'ssrf', description: 'fetch()' },
    { root: { global: 'Request' }, path: 'Argument[0]', kind: 'ssrf', description: 'new Request()' },
  ],
};

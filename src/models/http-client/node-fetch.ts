import type { LibraryModel, ModelRoot, SinkModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

const sink = (root: ModelRoot, path: string, description: string): SinkModel => ({
  root,
  path,
  kind: 'ssrf',
  description,
  labels: REQUEST_URL_LABELS,
});

/** node-fetch and the global `fetch` (Node 18+): the resource argument. */
export const nodeFetchModel: LibraryModel = {
  id: 'node-fetch',
  description: 'node-fetch and global fetch: the URL as SSRF sink',
  sinks: [
    sink({ module: 'node-fetch' }, 'Argument[0]', 'fetch()'),
    sink({ module: 'node-fetch' }, 'Member[default].Argument[0]', 'fetch()'),
    sink({ module: 'node-fetch' }, 'Member[Request].Argument[0]', 'new Request()'),
    sink({ global: 'fetch' }, 'Argument[0]', 'fetch()'),
    sink({ global: 'Request' }, 'Argument[0]', 'new Request()'),
  ],
};

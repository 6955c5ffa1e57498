import type { LibraryModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

const root = { module: 'undici' } as const;

/** undici: `request(url)`, `fetch(url)`, `stream(url)`, and `new Client(origin)`/`new Pool(origin)`. */
export const undiciModel: LibraryModel = {
  id: 'undici',
  description: 'undici: request/fetch URLs and client origins as SSRF sinks',
  sinks: [
    {
      root,
      path: 'Member[request,fetch,stream,pipeline,connect,upgrade].Argument[0]',
      kind: 'ssrf',
      description: 'undici.request()',
      labels: REQUEST_URL_LABELS,
    },
    { root, path: 'Member[Client,Pool].Argument[0]', kind: 'ssrf', description: 'new undici.Client()', labels: REQUEST_URL_LABELS },
  ],
};

import type { LibraryModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

const root = { module: 'got' } as const;
const VERBS = 'Member[get,post,put,delete,patch,head,stream,paginate]';

/** got: `got(url)`, `got.get(url)`, `got({ url })`, `got.extend({ prefixUrl })`. */
export const gotModel: LibraryModel = {
  id: 'got',
  description: 'got: request URLs and prefixUrl as SSRF sinks',
  sinks: [
    { root, path: 'Argument[0]', kind: 'ssrf', labels: REQUEST_URL_LABELS, description: 'got()' },
    { root, path: `${VERBS}.Argument[0]`, kind: 'ssrf', labels: REQUEST_URL_LABELS, description: 'got.get()' },
    {
      root,
      path: 'Member[extend].Argument[0]',
      kind: 'ssrf',
      labels: REQUEST_URL_LABELS,
      description: 'got.extend({ prefixUrl })',
    },
    { root, path: 'Member[default].Argument[0]', kind: 'ssrf', labels: REQUEST_URL_LABELS, description: 'got()' },
  ],
};

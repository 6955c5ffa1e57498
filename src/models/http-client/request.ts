import type { LibraryModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

/** request (deprecated) and request-promise: `request(url)`, `request({ uri })`, `request.get(url)`. */
export const requestModel: LibraryModel = {
  id: 'request',
  description: 'request / request-promise: request URLs as SSRF sinks',
  sinks: ['request', 'request-promise', 'request-promise-native'].flatMap((module) => [
    { root: { module }, path: 'Argument[0]', kind: 'ssrf' as const, description: 'request()', labels: REQUEST_URL_LABELS },
    {
      root: { module },
      path: 'Member[get,post,put,patch,del,delete,head].Argument[0]',
      kind: 'ssrf' as const,
      description: 'request.get()',
      labels: REQUEST_URL_LABELS,
    },
  ]),
};

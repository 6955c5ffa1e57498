import type { LibraryModel, SinkModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

const sink = (module: string, path: string): SinkModel => ({
  root: { module },
  path,
  kind: 'ssrf',
  description: 'follow-redirects request()',
  labels: REQUEST_URL_LABELS,
});

/**
 * follow-redirects: drop-in `http`/`https` (`require('follow-redirects').https.get(url)`) that follows redirects,
 * the transport of axios and many other clients. The URL or options object is the request target.
 */
export const followRedirectsModel: LibraryModel = {
  id: 'follow-redirects',
  description: 'follow-redirects: request URLs and options of its http/https as SSRF sinks',
  sinks: [
    sink('follow-redirects', 'Member[http,https].Member[request,get].Argument[0]'),
    sink('follow-redirects/http', 'Member[request,get].Argument[0]'),
    sink('follow-redirects/https', 'Member[request,get].Argument[0]'),
  ],
};

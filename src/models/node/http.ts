import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

/** Handlers of a raw server: `createServer(handler)`, `createServer(opts, handler)`, `server.on('request', h)`. */
const HANDLERS = [
  'Member[createServer].Argument[0..]',
  'Member[createServer].ReturnValue.Member[on,once,addListener].Argument[1]',
  'Member[Server].Instance.Member[on,once,addListener].Argument[1]',
];

const sourcesFor = (module: string): SourceModel[] =>
  HANDLERS.map((handler) => ({
    root: { module },
    path: `${handler}.Parameter[0].Member[url,headers,rawHeaders]`,
    label: 'user-input',
    description: 'req.url',
  }));

const sinksFor = (module: string): SinkModel[] => [
  ...HANDLERS.map(
    (handler): SinkModel => ({
      root: { module },
      path: `${handler}.Parameter[1].Member[write,end].Argument[0]`,
      kind: 'xss',
      description: 'res.end()',
    }),
  ),
  {
    root: { module },
    path: 'Member[request,get].Argument[0]',
    kind: 'ssrf',
    description: `${module}.request()`,
  },
];

/** Node's `http` and `https`: raw request handlers (sources, responses) and outgoing requests (SSRF). */
export const httpModel: LibraryModel = {
  id: 'http',
  description: "Node's http/https: request objects of createServer handlers, responses, outgoing requests",
  sources: [...sourcesFor('http'), ...sourcesFor('https')],
  sinks: [...sinksFor('http'), ...sinksFor('https')],
};

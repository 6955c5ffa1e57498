import type { LibraryModel, SinkModel, SourceModel, TaintLabel } from '../../core/index.js';

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

/**
 * Who may choose the URL of an outgoing request. Not `library-input`: a library that requests the URL its caller
 * passes (an HTTP client, a downloader, a webhook helper) does what it is asked; the caller owns that choice, as
 * for program names (child-process.ts) and redirect targets below.
 */
export const REQUEST_URL_LABELS: readonly TaintLabel[] = ['user-input', 'environment', 'file-content', 'network'];

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
    labels: REQUEST_URL_LABELS,
  },
];

/**
 * Who may choose a redirect target. Not `library-input`: a library that sets the `Location` its caller passes
 * (`res.location(url)`, redirect helpers) does what it is asked, as for program names (child-process.ts).
 */
const REDIRECT_TARGET_LABELS: readonly TaintLabel[] = ['user-input', 'environment', 'file-content', 'network'];

/**
 * `http.ServerResponse` methods matched by name on any receiver: handlers and middleware get the response
 * as a parameter (`function serve(req, res)`) or a field (`this.res`), not always from `createServer`. Only the
 * `Location` header is a sink (header names are case-insensitive); other headers carry no URL.
 */
const responseSinks: SinkModel[] = [
  {
    root: { method: 'setHeader' },
    path: 'Argument[1]',
    kind: 'open-redirect',
    description: "res.setHeader('Location')",
    labels: REDIRECT_TARGET_LABELS,
    conditions: [{ path: 'Argument[0]', equals: { oneOf: ['location'] } }],
  },
  {
    root: { method: 'writeHead' },
    path: 'Argument[1,2].Member[location,Location,LOCATION]',
    kind: 'open-redirect',
    description: 'res.writeHead(status, { Location })',
    labels: REDIRECT_TARGET_LABELS,
  },
];

/** Node's `http` and `https`: raw request handlers (sources, responses) and outgoing requests (SSRF). */
export const httpModel: LibraryModel = {
  id: 'http',
  description: "Node's http/https: request objects of createServer handlers, responses, outgoing requests",
  sources: [...sourcesFor('http'), ...sourcesFor('https')],
  sinks: [...sinksFor('http'), ...sinksFor('https'), ...responseSinks],
};

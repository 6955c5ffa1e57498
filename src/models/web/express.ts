import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

const root = { module: 'express' } as const;
const ROUTE_METHODS = 'Member[get,post,put,delete,patch,all,use,options,head]';

/** Apps and routers, as created from the module root. */
const ROUTERS = [
  'ReturnValue',
  'Member[Router].ReturnValue',
  'Member[Router].Instance',
  'ReturnValue.Member[route].ReturnValue',
  'Member[Router].ReturnValue.Member[route].ReturnValue',
];

/** Route handlers and middleware: every function argument of `app.get(path, ...handlers)`. */
export const EXPRESS_HANDLERS: readonly string[] = ROUTERS.map((r) => `${r}.${ROUTE_METHODS}.Argument[0..]`);

const REQUEST_FIELDS = 'Member[query,params,body,headers,cookies,signedCookies,path,url,originalUrl,hostname,baseUrl,files,file]';

const sources: SourceModel[] = EXPRESS_HANDLERS.flatMap((handler): SourceModel[] => [
  { root, path: `${handler}.Parameter[0].${REQUEST_FIELDS}`, label: 'user-input', description: 'req.query' },
  { root, path: `${handler}.Parameter[0].Member[get,header,param].ReturnValue`, label: 'user-input', description: 'req.get()' },
]);

/** Response objects: `res` and the result of chaining `res.status(…)`/`res.type(…)`/`res.set(…)`. */
const RESPONSES = EXPRESS_HANDLERS.flatMap((handler) => [
  `${handler}.Parameter[1]`,
  `${handler}.Parameter[1].Member[status,type,set,header,cookie,vary,append].ReturnValue`,
]);

const sinks: SinkModel[] = RESPONSES.flatMap((res): SinkModel[] => [
  { root, path: `${res}.Member[send,write,end].Argument[0]`, kind: 'xss', description: 'res.send()' },
  { root, path: `${res}.Member[redirect,location].Argument[0,1]`, kind: 'open-redirect', description: 'res.redirect()' },
  {
    // With `root`, send() rejects paths escaping it; without, the path is used as is.
    root,
    path: `${res}.Member[sendFile].Argument[0]`,
    kind: 'path-traversal',
    description: 'res.sendFile()',
    unless: [{ path: 'Argument[1].Member[root]', equals: 'non-false' }],
  },
  {
    root,
    path: `${res}.Member[download].Argument[0]`,
    kind: 'path-traversal',
    description: 'res.download()',
    unless: [
      { path: 'Argument[1].Member[root]', equals: 'non-false' },
      { path: 'Argument[2].Member[root]', equals: 'non-false' },
    ],
  },
  { root, path: `${res}.Member[render].Argument[0]`, kind: 'path-traversal', description: 'res.render() view name' },
]);

/** Express 4/5: request fields of route handlers; XSS, redirect and file sinks of the response. */
export const expressModel: LibraryModel = {
  id: 'express',
  description: 'Express: req.query/params/body/headers/cookies... of route handlers; res.send/redirect/sendFile',
  sources,
  sinks,
};

import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

const root = { module: 'fastify' } as const;
const ROUTE_METHODS = 'Member[get,post,put,delete,patch,all,head,options]';

/** Fastify instances: `fastify()`, `Fastify.fastify()`, and the instance handed to plugins. */
const INSTANCES = [
  'ReturnValue',
  'Member[fastify,default].ReturnValue',
  'ReturnValue.Member[register].Argument[0].Parameter[0]',
];

/** `app.get(path, [opts], handler)`, `app.get(path, { handler })`, `app.route({ handler })`. */
const HANDLERS = INSTANCES.flatMap((i) => [
  `${i}.${ROUTE_METHODS}.Argument[1..]`,
  `${i}.${ROUTE_METHODS}.Argument[1..].Member[handler]`,
  `${i}.Member[route].Argument[0].Member[handler]`,
]);

const sources: SourceModel[] = HANDLERS.map((h) => ({
  root,
  path: `${h}.Parameter[0].Member[query,params,body,headers,url,hostname]`,
  label: 'user-input',
  description: 'request.query',
}));

const sinks: SinkModel[] = HANDLERS.flatMap((h): SinkModel[] => [
  {
    // reply.send(string) is text/plain; HTML only after reply.type('text/html').
    root,
    path: `${h}.Parameter[1].Member[type].ReturnValue.Member[send].Argument[0]`,
    kind: 'xss',
    description: 'reply.type().send()',
  },
  {
    root,
    path: `${h}.Parameter[1].Member[code,status].ReturnValue.Member[type].ReturnValue.Member[send].Argument[0]`,
    kind: 'xss',
    description: 'reply.type().send()',
  },
  {
    // v4: redirect([code,] url); v5: redirect(url, [code]).
    root,
    path: `${h}.Parameter[1].Member[redirect].Argument[0,1]`,
    kind: 'open-redirect',
    description: 'reply.redirect()',
  },
]);

/** Fastify: request fields of route handlers; reply.redirect and HTML replies as sinks. */
export const fastifyModel: LibraryModel = {
  id: 'fastify',
  description: 'Fastify: request.query/params/body as sources; reply.redirect and HTML reply.send as sinks',
  sources,
  sinks,
};

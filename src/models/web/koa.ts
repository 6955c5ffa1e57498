import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

const ROUTER_METHODS = 'Member[get,post,put,del,delete,patch,all,use,head,options]';

/** Middleware of `new Koa().use(fn)` and of koa-router / @koa/router route methods, as (module, path) pairs. */
const HANDLERS: readonly (readonly [string, string])[] = [
  ['koa', 'Instance.Member[use].Argument[0]'],
  ['koa', 'Member[default].Instance.Member[use].Argument[0]'],
  ...['koa-router', '@koa/router'].flatMap((module) => [
    [module, `Instance.${ROUTER_METHODS}.Argument[0..]`] as const,
    [module, `ReturnValue.${ROUTER_METHODS}.Argument[0..]`] as const,
  ]),
];

const sources: SourceModel[] = HANDLERS.flatMap(([module, handler]): SourceModel[] => [
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[query,params,headers,path,url,originalUrl,querystring,href,host,hostname]`,
    label: 'user-input',
    description: 'ctx.query',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[request].Member[body,query,headers,files,url,path,querystring]`,
    label: 'user-input',
    description: 'ctx.request.body',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[get].ReturnValue`,
    label: 'user-input',
    description: 'ctx.get()',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[cookies].Member[get].ReturnValue`,
    label: 'user-input',
    description: 'ctx.cookies.get()',
  },
]);

const sinks: SinkModel[] = HANDLERS.flatMap(([module, handler]): SinkModel[] => [
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[redirect].Argument[0]`,
    kind: 'open-redirect',
    description: 'ctx.redirect()',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[response].Member[redirect].Argument[0]`,
    kind: 'open-redirect',
    description: 'ctx.response.redirect()',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[set].Argument[1]`,
    kind: 'open-redirect',
    description: "ctx.set('Location')",
    conditions: [{ path: 'Argument[0]', equals: { oneOf: ['location'] } }],
  },
  {
    // A string body starting with `<` is sent as text/html, and the attacker chooses how it starts.
    root: { module },
    path: `${handler}.Parameter[0].Member[body]`,
    kind: 'xss',
    description: 'ctx.body =',
  },
  {
    root: { module },
    path: `${handler}.Parameter[0].Member[response].Member[body]`,
    kind: 'xss',
    description: 'ctx.response.body =',
  },
]);

/** Koa with koa-router / @koa/router: context fields as sources; ctx.redirect, Location and `ctx.body =` as sinks. */
export const koaModel: LibraryModel = {
  id: 'koa',
  description: 'Koa: ctx.query/params/request.body as sources; ctx.redirect, ctx.set(Location), ctx.body writes as sinks',
  sources,
  sinks,
};

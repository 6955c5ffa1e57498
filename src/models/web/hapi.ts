import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

const SERVERS = ['Member[server].ReturnValue', 'Member[Server].Instance'];
const ROUTES = ['Argument[0]', 'Argument[0].AnyMember'];

/** `server.route({ method, path, handler })` and route arrays, for @hapi/hapi and the old `hapi` package. */
const HANDLERS: readonly (readonly [string, string])[] = ['@hapi/hapi', 'hapi'].flatMap((module) =>
  SERVERS.flatMap((server) =>
    ROUTES.flatMap((route) => [
      [module, `${server}.Member[route].${route}.Member[handler]`] as const,
      [module, `${server}.Member[route].${route}.Member[options,config].Member[handler]`] as const,
    ]),
  ),
);

const sources: SourceModel[] = HANDLERS.map(([module, handler]) => ({
  root: { module },
  path: `${handler}.Parameter[0].Member[query,params,payload,headers,state,path,url]`,
  label: 'user-input',
  description: 'request.query',
}));

const sinks: SinkModel[] = HANDLERS.flatMap(([module, handler]): SinkModel[] => [
  { root: { module }, path: `${handler}.Parameter[1].Member[redirect].Argument[0]`, kind: 'open-redirect', description: 'h.redirect()' },
  { root: { module }, path: `${handler}.Parameter[1].Member[response].Argument[0]`, kind: 'xss', description: 'h.response()' },
]);

/** hapi: request fields of route handlers; h.redirect and h.response as sinks (returned strings: docs/rules/xss.md). */
export const hapiModel: LibraryModel = {
  id: 'hapi',
  description: 'hapi: request.query/params/payload as sources; h.redirect, h.response as sinks',
  sources,
  sinks,
};

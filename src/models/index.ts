import type { LibraryModel } from '../core/index.js';
import { archiveEntriesModel } from './archive/archive-entries.js';
import { knexModel } from './database/knex.js';
import { mysqlModel } from './database/mysql.js';
import { mysql2Model } from './database/mysql2.js';
import { pgModel } from './database/pg.js';
import { sequelizeModel } from './database/sequelize.js';
import { sqlite3Model } from './database/sqlite3.js';
import { fsExtraModel } from './filesystem/fs-extra.js';
import { gracefulFsModel } from './filesystem/graceful-fs.js';
import { axiosModel } from './http-client/axios.js';
import { followRedirectsModel } from './http-client/follow-redirects.js';
import { gotModel } from './http-client/got.js';
import { nodeFetchModel } from './http-client/node-fetch.js';
import { requestModel } from './http-client/request.js';
import { undiciModel } from './http-client/undici.js';
import { childProcessModel } from './node/child-process.js';
import { cryptoModel } from './node/crypto.js';
import { fsModel } from './node/fs.js';
import { globalsModel } from './node/globals.js';
import { httpModel } from './node/http.js';
import { pathModel } from './node/path.js';
import { urlModel } from './node/url.js';
import { utilModel } from './node/util.js';
import { vmModel } from './node/vm.js';
import { forInModel } from './object/for-in.js';
import { crossSpawnModel } from './process/cross-spawn.js';
import { execaModel } from './process/execa.js';
import { shelljsModel } from './process/shelljs.js';
import { pifyModel } from './promise/pify.js';
import { escapeStringRegexpModel } from './sanitizer/escape-string-regexp.js';
import { htmlEscapeModel } from './sanitizer/html-escape.js';
import { shellQuoteModel } from './sanitizer/shell-quote.js';
import { validatorModel } from './sanitizer/validator.js';
import { jsYamlModel } from './serialization/js-yaml.js';
import { nodeSerializeModel } from './serialization/node-serialize.js';
import { ejsModel } from './template/ejs.js';
import { handlebarsModel } from './template/handlebars.js';
import { lodashModel } from './template/lodash.js';
import { pugModel } from './template/pug.js';
import { expressModel } from './web/express.js';
import { fastifyModel } from './web/fastify.js';
import { hapiModel } from './web/hapi.js';
import { koaModel } from './web/koa.js';
import { nextModel } from './web/next.js';

export { AccessPathSyntaxError, parseAccessPath, validateLibraryModel } from './access-path.js';
export type { AccessPathToken } from './access-path.js';

/**
 * Every library model Yagura ships, for `analyze(input, { models: ALL_MODELS, ... })`.
 *
 * @example
 * const result = await analyze(input, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'auto' });
 */
export const ALL_MODELS: readonly LibraryModel[] = [
  // Node core and globals
  childProcessModel,
  cryptoModel,
  fsModel,
  globalsModel,
  httpModel,
  pathModel,
  urlModel,
  utilModel,
  vmModel,
  // Object iteration helpers
  forInModel,
  // Processes and files
  archiveEntriesModel,
  crossSpawnModel,
  execaModel,
  shelljsModel,
  fsExtraModel,
  gracefulFsModel,
  pifyModel,
  // Databases
  knexModel,
  mysqlModel,
  mysql2Model,
  pgModel,
  sequelizeModel,
  sqlite3Model,
  // Web frameworks
  expressModel,
  fastifyModel,
  hapiModel,
  koaModel,
  nextModel,
  // HTTP clients
  axiosModel,
  followRedirectsModel,
  gotModel,
  nodeFetchModel,
  requestModel,
  undiciModel,
  // Templates and serialization
  ejsModel,
  handlebarsModel,
  lodashModel,
  pugModel,
  jsYamlModel,
  nodeSerializeModel,
  // Sanitizers
  escapeStringRegexpModel,
  htmlEscapeModel,
  shellQuoteModel,
  validatorModel,
];

/** The model with this id, or `undefined`. */
export function getModel(id: string): LibraryModel | undefined {
  return ALL_MODELS.find((m) => m.id === id);
}

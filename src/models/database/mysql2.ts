import type { LibraryModel } from '../../core/index.js';
import { MYSQL_CONNECTIONS, createMysqlSanitizers, createMysqlSinks } from './mysql.js';

/** mysql2/promise connections are promises; pools are not. */
const PROMISE_CONNECTIONS = [
  'Member[createConnection,createPool].ReturnValue.Awaited',
  'Member[createPool].ReturnValue.Member[getConnection].ReturnValue.Awaited',
  'Member[createPool].ReturnValue',
];

/** mysql2 and mysql2/promise: `query`/`execute(text, values)`. */
export const mysql2Model: LibraryModel = {
  id: 'mysql2',
  description: 'mysql2: query/execute text as SQL sink, escape() as sanitizer',
  sinks: [
    ...createMysqlSinks('mysql2', 'query,execute', MYSQL_CONNECTIONS),
    ...createMysqlSinks('mysql2', 'query,execute', MYSQL_CONNECTIONS.map((c) => `Member[promise].ReturnValue.${c}`)),
    ...createMysqlSinks('mysql2/promise', 'query,execute', PROMISE_CONNECTIONS),
  ],
  sanitizers: [...createMysqlSanitizers('mysql2'), ...createMysqlSanitizers('mysql2/promise')],
};

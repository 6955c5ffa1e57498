import type { LibraryModel, SanitizerModel, SinkModel } from '../../core/index.js';

/** Connections and pools of mysql-style drivers, reached from the module root. */
export const MYSQL_CONNECTIONS = [
  'Member[createConnection,createPool,createPoolCluster].ReturnValue',
  'Member[createPool].ReturnValue.Member[getConnection].Argument[0].Parameter[1]',
  'Member[createPoolCluster].ReturnValue.Member[of].ReturnValue',
];

/**
 * Sinks of `conn.query(sql, values)` for a mysql-like module. Only the query text is a sink: values
 * passed separately are escaped by the driver (parameterised query).
 */
export function createMysqlSinks(module: string, methods: string, connections = MYSQL_CONNECTIONS): SinkModel[] {
  return connections.flatMap((connection): SinkModel[] => [
    { root: { module }, path: `${connection}.Member[${methods}].Argument[0]`, kind: 'sql-injection', description: `${module} query()` },
  ]);
}

/** `mysql.escape(x)`, `conn.escape(x)`: a quoted SQL literal. */
export function createMysqlSanitizers(module: string): SanitizerModel[] {
  return [
    { root: { module }, path: 'Member[escape,escapeId,format].ReturnValue', kinds: ['sql-injection'], description: `${module}.escape()` },
    ...MYSQL_CONNECTIONS.map((connection) => ({
      root: { module },
      path: `${connection}.Member[escape,escapeId].ReturnValue`,
      kinds: ['sql-injection' as const],
      description: 'connection.escape()',
    })),
  ];
}

/** mysql (mysqljs): `query(text, values)`. */
export const mysqlModel: LibraryModel = {
  id: 'mysql',
  description: 'mysql: query text as SQL sink, escape() as sanitizer',
  sinks: createMysqlSinks('mysql', 'query'),
  sanitizers: createMysqlSanitizers('mysql'),
};

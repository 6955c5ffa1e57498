import type { LibraryModel, SinkModel } from '../../core/index.js';

/** Raw fragments of the query builder; the names are specific to knex, so any receiver is accepted. */
const RAW_BUILDER_METHODS = [
  'whereRaw',
  'orWhereRaw',
  'andWhereRaw',
  'havingRaw',
  'orHavingRaw',
  'orderByRaw',
  'groupByRaw',
  'joinRaw',
  'fromRaw',
  'onRaw',
];

/** knex: `knex.raw(sql, bindings)` and `*Raw` builder methods; bindings are parameterised. */
export const knexModel: LibraryModel = {
  id: 'knex',
  description: 'knex: raw SQL text (raw, whereRaw, orderByRaw...) as sink',
  sinks: [
    { root: { module: 'knex' }, path: 'ReturnValue.Member[raw].Argument[0]', kind: 'sql-injection', description: 'knex.raw()' },
    { root: { module: 'knex' }, path: 'Member[knex].ReturnValue.Member[raw].Argument[0]', kind: 'sql-injection', description: 'knex.raw()' },
    ...RAW_BUILDER_METHODS.map(
      (method): SinkModel => ({
        root: { method },
        path: 'Argument[0]',
        kind: 'sql-injection',
        description: `knex ${method}()`,
      }),
    ),
  ],
};

import type { LibraryModel, SinkModel } from '../../core/index.js';

const root = { module: 'pg' } as const;

/** Objects with `query(text, values)`: pools, clients, and clients checked out of a pool. */
const QUERYABLE = [
  'Member[Pool,Client].Instance',
  'Member[Pool].Instance.Member[connect].ReturnValue.Awaited',
  'Member[Pool].Instance.Member[connect].Argument[0].Parameter[1]',
  'Member[native].Member[Pool,Client].Instance',
];

/** pg (node-postgres): `query(text, values)`, also `query({ text, values })`. */
export const pgModel: LibraryModel = {
  id: 'pg',
  description: 'pg: query text as SQL sink (values array is parameterised)',
  sinks: QUERYABLE.flatMap((q): SinkModel[] => [
    { root, path: `${q}.Member[query].Argument[0]`, kind: 'sql-injection', description: 'pg query()' },
  ]),
  sanitizers: [
    {
      root,
      path: 'Member[Client].Instance.Member[escapeLiteral,escapeIdentifier].ReturnValue',
      kinds: ['sql-injection'],
      description: 'client.escapeLiteral()',
    },
    { root: { module: 'pg-format' }, path: 'ReturnValue', kinds: ['sql-injection'], description: 'pg-format()' },
  ],
};

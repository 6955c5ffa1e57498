import type { LibraryModel, SinkModel } from '../../core/index.js';

const root = { module: 'sequelize' } as const;
const INSTANCES = ['Instance', 'Member[Sequelize].Instance'];

/** sequelize: `sequelize.query(sql, { replacements })` and `literal(sql)`; replacements are escaped. */
export const sequelizeModel: LibraryModel = {
  id: 'sequelize',
  description: 'sequelize: query() text and literal() fragments as SQL sinks',
  sinks: [
    ...INSTANCES.map(
      (instance): SinkModel => ({
        root,
        path: `${instance}.Member[query].Argument[0]`,
        kind: 'sql-injection',
        description: 'sequelize.query()',
      }),
    ),
    ...INSTANCES.map(
      (instance): SinkModel => ({
        root,
        path: `${instance}.Member[literal].Argument[0]`,
        kind: 'sql-injection',
        description: 'sequelize.literal()',
      }),
    ),
    { root, path: 'Member[literal].Argument[0]', kind: 'sql-injection', description: 'Sequelize.literal()' },
    { root, path: 'Member[Sequelize].Member[literal].Argument[0]', kind: 'sql-injection', description: 'Sequelize.literal()' },
  ],
  sanitizers: INSTANCES.map((instance) => ({
    root,
    path: `${instance}.Member[escape].ReturnValue`,
    kinds: ['sql-injection' as const],
    description: 'sequelize.escape()',
  })),
};

import type { LibraryModel, SinkModel } from '../../core/index.js';

const METHODS = 'Member[run,get,all,each,exec,prepare]';
const DATABASES = [
  'Member[Database].Instance',
  'Member[cached].Member[Database].Instance',
  'Member[verbose].ReturnValue.Member[Database].Instance'];

/** sqlite3 and better-sqlite3: the SQL text of run/get/all/each/exec/prepare. */
export const sqlite3Model: LibraryModel = {
  id: 'sqlite3',
  description: 'sqlite3 and better-sqlite3: SQL text as sink (bound parameters are safe)',
  sinks: [
    ...DATABASES.map(
      (db): SinkModel => ({
        root: { module: 'sqlite3' },
        path: `${db}.${METHODS}.Argument[0]`,
        kind: 'sql-injection',
        description: 'sqlite3 db.run()',
      }),
    ),
    {
      root: { module: 'better-sqlite3' },
      path: 'Instance.Member[prepare,exec].Argument[0]',
      kind: 'sql-injection',
      description: 'better-sqlite3 db.prepare()',
    },
    {
      root: { module: 'better-sqlite3' },
      path: 'ReturnValue.Member[prepare,exec].Argument[0]',
      kind: 'sql-injection',
      description: 'better-sqlite3 db.prepare()',
    },
  ],
};

import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data in SQL query text (CWE-89). */
export const sqlInjection = createRule({
  id: 'sql-injection',
  meta: {
    description: 'Detect untrusted data reaching SQL query text',
    severity: 'high',
    cwe: ['CWE-89'],
    status: 'experimental',
    sinkKinds: ['sql-injection'],
    messages: { taintedQuery: 'Query text built from {{source}} reaches {{sink}}.' },
    explanation:
      'When input is concatenated into SQL, a quote ends the literal and the rest is parsed as SQL: the attacker ' +
      'can read every table (`UNION SELECT`), bypass login checks (`OR 1=1`), modify or delete data, and on some ' +
      'databases run commands.',
    fix:
      'Use a parameterised query: keep the SQL text constant and pass values separately ' +
      "(`pool.query('SELECT * FROM t WHERE id = $1', [id])`, `knex.raw('? ', [v])`, Sequelize `replacements`). " +
      'Identifiers (column, table, sort order) cannot be parameters: map them through an allow-list.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedQuery');
    },
  }),
});

import type { Node } from 'oxc-parser';

import type { RawFlow } from './interpreter.js';
import { type RegexValue, wholeMatchRegex } from './regex-values.js';
import type { Value } from './value.js';
import { kindBit, SQL_QUOTE_ESCAPED, withClean, withTaints } from './value.js';

/** Opening quote to closing quote: SQL string literals, ANSI and MySQL identifiers, SQL Server identifiers. */
const SQL_QUOTES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '[': ']' };

/**
 * Functions that build SQL text, by name: `selectQuery`, `toSql`, `quoteIdentifier`, `wrapIdentifierImpl`.
 * The same naming heuristic as CodeQL's heuristic SQL sinks (`(?i)(sql|query)`), plus the identifier
 * quoting helpers of SQL dialects.
 */
const SQL_BUILDER_NAME = /sql|query|identifier/i;
/** Functions that describe SQL in prose: `filterSQLError`, `queryErrorMessage`. */
const MESSAGE_NAME = /error|message|warning/i;

/** Whether the function named `name` (`Class.method`, `method`) builds SQL text. */
export function isSqlBuilderName(name: string): boolean {
  const own = name.slice(name.lastIndexOf('.') + 1);
  return SQL_BUILDER_NAME.test(own) && !MESSAGE_NAME.test(own);
}

/**
 * The closing quote of the SQL quoted literal or identifier a value is written into, when the text before it
 * ends with an opening quote and the text after it starts with the matching closing quote:
 * `` `[${name}]` `` gives `]`, `"'" + s + "'"` gives `'`.
 */
export function sqlQuoteAround(before: string | undefined, after: string | undefined): string | undefined {
  if (before === undefined || after === undefined) return undefined;
  const close = SQL_QUOTES[before.slice(-1)];
  return close !== undefined && after.startsWith(close) ? close : undefined;
}

/**
 * Closing quotes that `s.replace(regex, replacement)` removes or escapes in every place: the regex is global
 * and matches the quote alone (`/'/g`, `/[[\]']+/g`, `/[\0\n\r\b\t\\'"\x1a]/g`), and a string replacement
 * does not put it back alone (`''` doubles it, `\\$&` and `\\'` escape it, `''` and `'_'` drop it).
 */
export function sqlQuotesEscapedBy(regex: RegexValue, replacement: Value | undefined): number {
  if (!regex.flags.includes('g')) return 0;
  const re = wholeMatchRegex(regex);
  if (re === undefined) return 0;
  let mask = 0;
  for (const [quote, bit] of Object.entries(SQL_QUOTE_ESCAPED)) {
    if (!re.test(quote)) continue;
    const r = replacement?.str;
    if (r !== undefined && (r === quote || r === '$&')) continue;
    mask |= bit;
  }
  return mask;
}

const QUOTED_NAME = /quot|escap/i;

/**
 * `` `N'${this.quoteTable(t)}'` ``, `'${quotedName}'`: the value comes from the library's own quoting or escaping
 * helper (by name), whose escaping is checked where it quotes.
 */
export function isQuotedByName(node: Node): boolean {
  let x: Node = node;
  while (x.type === 'CallExpression' || x.type === 'ParenthesizedExpression' || x.type === 'AwaitExpression') x = x.type === 'CallExpression' ? x.callee : x.type === 'ParenthesizedExpression' ? x.expression : x.argument;
  const name = x.type === 'Identifier' ? x.name : x.type === 'MemberExpression' && !x.computed ? x.property.name : undefined;
  return name !== undefined && QUOTED_NAME.test(name);
}

const SQL = kindBit('sql-injection');

/** A value written between SQL quotes closed by `close`: taints whose closing quote was escaped are SQL-clean there. */
export function asSqlQuotedValue(v: Value, close: string): Value {
  const bit = SQL_QUOTE_ESCAPED[close] ?? 0;
  if (!v.taints.some((t) => (t.clean & bit) !== 0 && (t.clean & SQL) === 0)) return v;
  return withTaints(v, v.taints.map((t) => ((t.clean & bit) !== 0 ? withClean(t, t.clean | SQL) : t)));
}

/**
 * Quoted SQL (a heuristic sink) shadowed by a modelled query sink the same input reaches
 * (`pool.query(buildQuery(req.query.name))`): one finding, at the modelled sink, is enough.
 */
export function dropShadowedSqlQuotedFlows(flows: RawFlow[]): void {
  const modelled = new Set(flows.filter((f) => f.site.kind === 'sql-injection' && f.site.details?.context !== 'sql-quoted').map((f) => f.source.key));
  if (modelled.size === 0) return;
  const kept = flows.filter((f) => f.site.details?.context !== 'sql-quoted' || !modelled.has(f.source.key));
  flows.splice(0, flows.length, ...kept);
}

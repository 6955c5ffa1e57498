import { describe, expect, it } from 'vitest';

import { isSqlBuilderName, sqlQuoteAround, sqlQuotesEscapedBy } from './sql-context.js';
import { constString, EMPTY, SQL_QUOTE_ESCAPED } from './value.js';

const re = (pattern: string, flags = 'g') => ({ pattern, flags });
const bit = (quote: string): number => SQL_QUOTE_ESCAPED[quote] ?? 0;

describe('SQL quoting context', () => {
  it('finds the closing quote of a literal or identifier a value is written into', () => {
    expect(sqlQuoteAround("SELECT * FROM t WHERE a = '", "' AND b = 1")).toBe("'");
    expect(sqlQuoteAround('[', ']')).toBe(']');
    expect(sqlQuoteAround('SELECT `', '` FROM t')).toBe('`');
    expect(sqlQuoteAround('(x->>"', '")')).toBe('"');
  });

  it('does not treat unbalanced or unquoted text as a quoted context', () => {
    expect(sqlQuoteAround('WHERE id = ', '')).toBeUndefined();
    expect(sqlQuoteAround("a = '", ' AND b')).toBeUndefined();
    expect(sqlQuoteAround('[', "'")).toBeUndefined();
    expect(sqlQuoteAround(undefined, "'")).toBeUndefined();
  });

  it('names functions that build SQL text, by their own name and not their class', () => {
    expect(isSqlBuilderName('QueryGenerator.jsonPathExtractionQuery')).toBe(true);
    expect(isSqlBuilderName('wrapIdentifierImpl')).toBe(true);
    expect(isSqlBuilderName('toSql')).toBe(true);
    expect(isSqlBuilderName('QueryGenerator.addTicks')).toBe(false);
    expect(isSqlBuilderName('formatMessage')).toBe(false);
    expect(isSqlBuilderName('Query.filterSQLError')).toBe(false);
  });

  it('knows which closing quotes a global replace removes, doubles or escapes', () => {
    expect(sqlQuotesEscapedBy(re("'"), constString("''"))).toBe(bit("'"));
    expect(sqlQuotesEscapedBy(re("[[\\]']+"), constString(''))).toBe(bit("'") | bit(']'));
    expect(sqlQuotesEscapedBy(re('[\\0\\n\\r\\b\\t\\\\\'"\\x1a]'), EMPTY)).toBe(bit("'") | bit('"'));
    expect(sqlQuotesEscapedBy(re('`'), constString('``'))).toBe(bit('`'));
  });

  it('does not count a replace that misses the closing quote, keeps it, or runs once', () => {
    expect(sqlQuotesEscapedBy(re('\\['), constString('['))).toBe(0);
    expect(sqlQuotesEscapedBy(re("'"), constString("'"))).toBe(0);
    expect(sqlQuotesEscapedBy(re("'", ''), constString("''"))).toBe(0);
  });
});

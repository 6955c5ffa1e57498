import type { Expression } from 'oxc-parser';

import type { Value } from './value.js';
import { kindBit, withClean, withTaints } from './value.js';

/**
 * An open tag whose URL-valued attribute is being written: `<a href="`, `<img src=`, `<form action='`.
 * The tag must start in the same literal, so prose that merely mentions `href=` does not count.
 */
const URL_ATTRIBUTE = /<[a-z][a-z0-9-]*\b[^<>]*\s(href|src|action|formaction|poster|xlink:href)\s*=\s*["']?$/i;

/** The URL attribute that markup text ending in `literal` opens (`href`), if any. */
export function urlAttributeOpenedBy(literal: string | undefined): string | undefined {
  if (literal === undefined) return undefined;
  return URL_ATTRIBUTE.exec(literal)?.[1]?.toLowerCase();
}

/** The constant text at the end of a string expression: `'<a href="'`, `x + '<a href="'`, `` `…href="` ``. */
export function trailingLiteral(e: Expression): string | undefined {
  switch (e.type) {
    case 'Literal':
      return typeof e.value === 'string' ? e.value : undefined;
    case 'TemplateLiteral':
      return e.quasis.at(-1)?.value.cooked ?? undefined;
    case 'BinaryExpression':
      return e.operator === '+' ? trailingLiteral(e.right) : undefined;
    case 'ParenthesizedExpression':
      return trailingLiteral(e.expression);
    default:
      return undefined;
  }
}

/** The constant text at the start of a string expression: `"'"`, `"' AND " + x`, `` `']` ``. */
export function leadingLiteral(e: Expression): string | undefined {
  switch (e.type) {
    case 'Literal':
      return typeof e.value === 'string' ? e.value : undefined;
    case 'TemplateLiteral':
      return e.quasis[0]?.value.cooked ?? undefined;
    case 'BinaryExpression':
      return e.operator === '+' ? leadingLiteral(e.left) : undefined;
    case 'ParenthesizedExpression':
      return leadingLiteral(e.expression);
    default:
      return undefined;
  }
}

const XSS = kindBit('xss');
const REDIRECT = kindBit('open-redirect');

/**
 * A value written into a URL attribute is a navigation target: HTML escaping (`escapeHtml`, `encodeurl`)
 * keeps `javascript:` URLs intact, so there a taint is XSS-clean only if it is also clean as a redirect
 * target (`encodeURIComponent`, a scheme or host check).
 */
export function asUrlAttributeValue(v: Value): Value {
  if (v.taints.every((t) => (t.clean & XSS) === 0 || (t.clean & REDIRECT) !== 0)) return v;
  return withTaints(v, v.taints.map((t) => ((t.clean & REDIRECT) !== 0 ? t : withClean(t, t.clean & ~XSS))));
}

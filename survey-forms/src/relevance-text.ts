import type { Relevance } from './relevance';

function literal(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/**
 * The expression in XLSForm syntax (`${q} = 'x' and not(selected(${m}, 'a'))`), for the
 * `relevant` column on export and for people reading a form (a module of its own, so the
 * respondent's bundle, which only evaluates, does not carry it). Nested and/or are parenthesised,
 * so the XLSForm importer parses this text back into the same tree.
 */
export function relevanceText(expr: Relevance): string {
  switch (expr.op) {
    case 'and':
    case 'or':
      return expr.args.map((a) => (a.op === 'and' || a.op === 'or' ? `(${relevanceText(a)})` : relevanceText(a))).join(` ${expr.op} `);
    case 'not':
      return `not(${relevanceText(expr.arg)})`;
    case 'selected':
      return `selected(\${${expr.q}}, ${literal(expr.value)})`;
    default:
      return `\${${expr.q}} ${expr.op} ${literal(expr.value)}`;
  }
}

import type { AnswerValue } from './response';

/**
 * Relevance ("show this question only when…") as a small JSON expression tree, the form
 * XLSForm's `relevant` column is parsed into (docs/DATA-MODEL.md "Relevance"). Zod-free and
 * type-only imports: the phone's renderer and the shared validator both evaluate it here.
 *
 * Leaves compare one earlier question's answer with a literal; `and`, `or` and `not` combine.
 * Semantics follow ODK: an unanswered or hidden question is blank; `=`/`!=` compare text
 * (numbers when the literal is a number); `<`, `<=`, `>`, `>=` compare numbers and are false
 * when either side is not a number; `selected` asks whether a choice is among the answers.
 */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const COMPARE_OPS: readonly CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];

export type Relevance =
  | { op: CompareOp; q: string; value: string | number }
  | { op: 'selected'; q: string; value: string }
  | { op: 'and' | 'or'; args: Relevance[] }
  | { op: 'not'; arg: Relevance };

/** How deep and/or/not may nest (a bound for parsers and schema alike). */
export const MAX_RELEVANCE_DEPTH = 6;

/** The current answer to an earlier question, `undefined` when blank or hidden. */
export type ValueOf = (questionId: string) => AnswerValue | undefined;

function asText(value: AnswerValue | undefined): string {
  if (value === undefined || value === null) return '';
  // ODK stores select_multiple answers space-separated; `=` compares that string.
  return Array.isArray(value) ? value.join(' ') : String(value);
}

function asNumber(value: AnswerValue | undefined): number {
  if (value === undefined || value === null || Array.isArray(value)) return Number.NaN;
  if (typeof value === 'number') return value;
  return value.trim() === '' ? Number.NaN : Number(value);
}

function compare(op: CompareOp, value: AnswerValue | undefined, literal: string | number): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof literal === 'number') {
      const n = asNumber(value);
      equal = !Number.isNaN(n) && n === literal;
    } else {
      equal = asText(value) === literal;
    }
    return op === '=' ? equal : !equal;
  }
  const a = asNumber(value);
  const b = typeof literal === 'number' ? literal : literal.trim() === '' ? Number.NaN : Number(literal);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Evaluates `expr` against the answers visible through `valueOf`. */
export function evaluateRelevance(expr: Relevance, valueOf: ValueOf): boolean {
  switch (expr.op) {
    case 'and':
      return expr.args.every((a) => evaluateRelevance(a, valueOf));
    case 'or':
      return expr.args.some((a) => evaluateRelevance(a, valueOf));
    case 'not':
      return !evaluateRelevance(expr.arg, valueOf);
    case 'selected': {
      const value = valueOf(expr.q);
      if (Array.isArray(value)) return value.includes(expr.value);
      return asText(value).split(' ').includes(expr.value) && expr.value !== '';
    }
    default:
      return compare(expr.op, valueOf(expr.q), expr.value);
  }
}

/** The question ids an expression reads. */
export function referencedQuestions(expr: Relevance, into: Set<string> = new Set()): Set<string> {
  switch (expr.op) {
    case 'and':
    case 'or':
      for (const a of expr.args) referencedQuestions(a, into);
      return into;
    case 'not':
      return referencedQuestions(expr.arg, into);
    default:
      into.add(expr.q);
      return into;
  }
}

/** Nesting depth: a leaf is 0. */
export function relevanceDepth(expr: Relevance): number {
  switch (expr.op) {
    case 'and':
    case 'or':
      return 1 + Math.max(...expr.args.map(relevanceDepth));
    case 'not':
      return 1 + relevanceDepth(expr.arg);
    default:
      return 0;
  }
}

/**
 * The legacy `showIf: { questionId, anyOf }` of version-1 definitions as an expression, so
 * stored questionnaires keep working unchanged: shown when the answer is one of the values
 * (for multiple choice: when one of them is selected).
 */
export function showIfAsRelevance(showIf: { questionId: string; anyOf: (string | number)[] }, multi: boolean): Relevance {
  const leaves: Relevance[] = showIf.anyOf.map((v) =>
    multi ? { op: 'selected', q: showIf.questionId, value: String(v) } : { op: '=', q: showIf.questionId, value: v },
  );
  return leaves.length === 1 ? (leaves[0] as Relevance) : { op: 'or', args: leaves };
}


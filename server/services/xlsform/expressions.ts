import { type CompareOp, MAX_RELEVANCE_DEPTH, type Relevance } from '../../../survey-forms/src/relevance';

/**
 * The subset of XLSForm's XPath that the questionnaire model holds (docs/SPREADSHEETS.md
 * "XLSForm"): `relevant` as `${q} = 'x'`, `!=`, `<`, `<=`, `>`, `>=`, `selected(${q}, 'x')`,
 * `not(…)`, `and`, `or`, parentheses; `constraint` as bounds on `.` or `string-length(.)`.
 * Anything else is refused with a Vietnamese reason, never approximated.
 */
export class ExpressionError extends Error {}

type Token =
  | { t: 'ref'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'op'; v: CompareOp }
  | { t: 'word'; v: string }
  | { t: '(' | ')' | ',' | '.' };

const MAX_LENGTH = 2000;

function tokenize(src: string): Token[] {
  if (src.length > MAX_LENGTH) throw new ExpressionError(`Biểu thức dài quá ${MAX_LENGTH} ký tự`);
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const rest = src.slice(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const ref = /^\$\{\s*([^}\s]*)\s*\}/.exec(rest);
    if (ref) {
      if (!ref[1]) throw new ExpressionError('Tham chiếu ${} thiếu tên câu hỏi');
      out.push({ t: 'ref', v: ref[1] });
      i += ref[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`Thiếu dấu ${c} đóng chuỗi`);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const prev = out[out.length - 1];
    const signAllowed = !prev || prev.t === 'op' || prev.t === '(' || prev.t === ',' || (prev.t === 'word' && (prev.v === 'and' || prev.v === 'or'));
    const num = (signAllowed ? /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/ : /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/).exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[1] as CompareOp });
      i += op[1]?.length ?? 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '.') {
      out.push({ t: c });
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_:-]*/.exec(rest);
    if (word) {
      out.push({ t: 'word', v: word[0] });
      i += word[0].length;
      continue;
    }
    throw new ExpressionError(`Ký tự không được hỗ trợ trong biểu thức: "${c}"`);
  }
  return out;
}

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }
  next(): Token | undefined {
    return this.tokens[this.at++];
  }
  expect(t: Token['t'], what: string): Token {
    const tok = this.next();
    if (!tok || tok.t !== t) throw new ExpressionError(`Cần ${what}`);
    return tok;
  }
  isWord(v: string): boolean {
    const tok = this.peek();
    return tok?.t === 'word' && tok.v === v;
  }
  done(): void {
    if (this.at < this.tokens.length) throw new ExpressionError('Biểu thức có phần thừa ở cuối (thiếu "and"/"or"?)');
  }

  relevance(): Relevance {
    if (++this.depth > MAX_RELEVANCE_DEPTH + 1) throw new ExpressionError(`Biểu thức lồng nhau quá ${MAX_RELEVANCE_DEPTH} cấp`);
    const args = [this.conjunction()];
    while (this.isWord('or')) {
      this.next();
      args.push(this.conjunction());
    }
    this.depth--;
    return args.length === 1 ? (args[0] as Relevance) : { op: 'or', args };
  }

  conjunction(): Relevance {
    const args = [this.unary()];
    while (this.isWord('and')) {
      this.next();
      args.push(this.unary());
    }
    return args.length === 1 ? (args[0] as Relevance) : { op: 'and', args };
  }

  unary(): Relevance {
    const tok = this.peek();
    if (tok?.t === '(') {
      this.next();
      const inner = this.relevance();
      this.expect(')', 'dấu ")"');
      return inner;
    }
    if (tok?.t === 'word' && this.tokens[this.at + 1]?.t === '(') {
      this.next();
      this.next();
      if (tok.v === 'not') {
        const arg = this.relevance();
        this.expect(')', 'dấu ")" sau not(…)');
        return { op: 'not', arg };
      }
      if (tok.v === 'selected') {
        const ref = this.expect('ref', 'tham chiếu ${câu_hỏi} trong selected()');
        this.expect(',', 'dấu "," trong selected()');
        const value = this.next();
        if (!value || (value.t !== 'str' && value.t !== 'num')) throw new ExpressionError("Cần mã phương án trong dấu nháy, ví dụ selected(${q}, 'a')");
        this.expect(')', 'dấu ")" sau selected(…)');
        return { op: 'selected', q: (ref as { v: string }).v, value: String((value as { v: string | number }).v) };
      }
      throw new ExpressionError(`Hàm ${tok.v}() không được hỗ trợ; chỉ dùng selected(), not(), and, or và phép so sánh`);
    }
    return this.comparison();
  }

  comparison(): Relevance {
    const left = this.operand();
    const op = this.next();
    if (!op || op.t !== 'op') throw new ExpressionError('Cần phép so sánh (=, !=, <, <=, >, >=) sau tham chiếu');
    const right = this.operand();
    if (left.t === 'ref' && right.t !== 'ref') return { op: op.v, q: left.v, value: right.v };
    if (right.t === 'ref' && left.t !== 'ref') return { op: flip(op.v), q: right.v, value: left.v };
    throw new ExpressionError('Mỗi phép so sánh cần đúng một tham chiếu ${câu_hỏi} và một giá trị');
  }

  operand(): Extract<Token, { t: 'ref' | 'str' | 'num' }> {
    const tok = this.next();
    if (tok && (tok.t === 'ref' || tok.t === 'str' || tok.t === 'num')) return tok;
    if (tok?.t === 'word') throw new ExpressionError(`"${tok.v}" không được hỗ trợ ở đây (tên câu hỏi viết là \${${tok.v}})`);
    if (tok?.t === '.') throw new ExpressionError('Dấu "." (câu hỏi hiện tại) chỉ dùng trong cột constraint');
    throw new ExpressionError('Cần tham chiếu ${câu_hỏi}, chuỗi trong dấu nháy hoặc số');
  }
}

function flip(op: CompareOp): CompareOp {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const)[op];
}

/** Parses an XLSForm `relevant` cell; throws ExpressionError with the reason. */
export function parseRelevant(src: string): Relevance {
  const tokens = tokenize(src);
  if (tokens.length === 0) throw new ExpressionError('Biểu thức rỗng');
  const p = new Parser(tokens);
  const expr = p.relevance();
  p.done();
  return expr;
}

/** Written back by the shared formatter (survey-forms/src/relevance-text.ts), so parsing its output gives the same tree. */
export { relevanceText as formatRelevant } from '../../../survey-forms/src/relevance-text';

/** What a constraint may say: bounds of the value (numbers) or of its length (text). */
export interface Bounds {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

/**
 * Parses `. >= 0 and . <= 20`, `string-length(.) <= 2000` and the like. `>`/`<` are accepted
 * only where they have an inclusive twin (whole numbers, lengths).
 */
export function parseConstraint(src: string, integer: boolean): Bounds {
  const tokens = tokenize(src);
  if (tokens.length === 0) throw new ExpressionError('Biểu thức rỗng');
  const bounds: Bounds = {};
  let i = 0;
  const unsupported = 'Chỉ hỗ trợ giới hạn dạng ". >= 0 and . <= 100" hoặc "string-length(.) <= 500"';
  for (;;) {
    let subject: 'value' | 'length';
    const tok = tokens[i];
    if (tok?.t === '.') {
      subject = 'value';
      i += 1;
    } else if (tok?.t === 'word' && tok.v === 'string-length' && tokens[i + 1]?.t === '(' && tokens[i + 2]?.t === '.' && tokens[i + 3]?.t === ')') {
      subject = 'length';
      i += 4;
    } else if (tok?.t === 'word' && tokens[i + 1]?.t === '(') {
      throw new ExpressionError(`Hàm ${tok.v}() không được hỗ trợ trong constraint. ${unsupported}`);
    } else throw new ExpressionError(unsupported);
    const op = tokens[i++];
    const num = tokens[i++];
    if (op?.t !== 'op' || num?.t !== 'num' || op.v === '=' || op.v === '!=') throw new ExpressionError(unsupported);
    let n = num.v;
    const whole = subject === 'length' || integer;
    if ((op.v === '>' || op.v === '<') && !whole) throw new ExpressionError('Với số thập phân chỉ dùng >= và <= (giới hạn gồm cả hai đầu)');
    if ((op.v === '>' || op.v === '<') && !Number.isInteger(n)) throw new ExpressionError('Giới hạn > hoặc < cần là số nguyên');
    if (op.v === '>') n += 1;
    if (op.v === '<') n -= 1;
    const lower = op.v === '>' || op.v === '>=';
    const key = subject === 'value' ? (lower ? 'min' : 'max') : lower ? 'minLength' : 'maxLength';
    if (bounds[key] !== undefined) throw new ExpressionError(`Giới hạn ${lower ? 'dưới' : 'trên'} được ghi hai lần`);
    bounds[key] = n;
    if (i >= tokens.length) return bounds;
    const and = tokens[i++];
    if (and?.t !== 'word' || and.v !== 'and') throw new ExpressionError(`Các giới hạn nối với nhau bằng "and". ${unsupported}`);
  }
}

/** Writes bounds back as a constraint ('' when there are none). */
export function formatConstraint(b: Bounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`. >= ${b.min}`);
  if (b.max !== undefined) parts.push(`. <= ${b.max}`);
  if (b.minLength !== undefined) parts.push(`string-length(.) >= ${b.minLength}`);
  if (b.maxLength !== undefined) parts.push(`string-length(.) <= ${b.maxLength}`);
  return parts.join(' and ');
}

import { type Problem, type Question, type Questionnaire, type Response, type UnitView, allQuestions } from '../../survey-forms/src';
import type { CampaignContext } from './campaign-context';

/**
 * The detail of a rejected sync item in plain Vietnamese, naming units and questions by what
 * people read on the form rather than by id, and saying what to do (docs/SYNC.md "Rejections").
 * The stable `code` stays machine-readable; this text is what the outbox shows.
 */
const TYPE_NAMES: Record<string, string> = { so: 'sở, ban, ngành', huyen: 'cấp huyện', xa: 'cấp xã' };
const MAX_LISTED = 5;

const unitLabel = (u: UnitView | undefined, id: string) => (u ? `${u.name} (${u.code})` : `đơn vị ${id}`);
const quote = (q: Question | undefined, id: string) => (q ? `"${q.text}"` : `câu ${id}`);

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} và ${names.length - MAX_LISTED} đơn vị khác` : shown;
}

/** Who fixes a missing assignment: a collector asks the administrator, then downloads again. */
const ASK_ADMIN = 'Đề nghị quản trị viên phân công đủ các đơn vị này cho điều tra viên, rồi bấm "Tải về" và phỏng vấn lại.';

/** A unit a collector may not rate. */
export function outOfScopeDetail(ctx: CampaignContext, unitId: string): string {
  return `Đơn vị ${unitLabel(ctx.unitById.get(unitId), unitId)} không được phân công cho điều tra viên này trong đợt khảo sát. ${ASK_ADMIN}`;
}

/**
 * The validator's problems as one paragraph. A cross-evaluation form that leaves whole units
 * unrated (the usual cause: a collector not assigned every unit of the type, or none) is
 * said as such, with the units' names, instead of one "required" line per unit and question.
 */
export function problemsDetail(
  q: Questionnaire,
  ctx: CampaignContext,
  r: Pick<Response, 'answers'>,
  problems: readonly Problem[],
  rated: ReadonlySet<string>,
  byCollector: boolean,
): string {
  const questions = new Map(allQuestions(q).map((x) => [x.id, x]));
  const parts: string[] = [];
  const remaining = [...problems];

  if (q.mode === 'cross') {
    const scope = ctx.units.filter((u) => u.type === q.unitType);
    const unrated = scope.filter((u) => !rated.has(u.id));
    if (unrated.length > 0 && [...questions.values()].some((x) => x.perUnit)) {
      const kind = TYPE_NAMES[q.unitType] ?? q.unitType;
      parts.push(
        rated.size === 0
          ? `Phiếu đánh giá chéo không đánh giá đơn vị nào; phiếu phải đánh giá tất cả ${scope.length} đơn vị ${kind}.`
          : `Phiếu đánh giá chéo phải đánh giá tất cả ${scope.length} đơn vị ${kind}; còn thiếu ${unrated.length} đơn vị: ${listed(unrated.map((u) => u.name))}.`,
      );
      if (byCollector) parts.push(ASK_ADMIN);
      const missing = new Set(unrated.map((u) => u.id));
      // The per-cell "required" lines of those units are said by the sentence above.
      for (let i = remaining.length - 1; i >= 0; i--) {
        const p = remaining[i] as Problem;
        if (p.code === 'answer.required' && typeof p.path[2] === 'string' && missing.has(p.path[2])) remaining.splice(i, 1);
      }
    }
  }

  // A bad value also leaves its question unanswered: say it once, as the bad value.
  const badCells = new Set<string>();
  const lines: string[] = [];
  for (const p of remaining) {
    // Paths are ['answers', index, field] for a sent answer, ['answers', questionId, unitId?] for a missing one.
    const sent = p.path[0] === 'answers' && typeof p.path[1] === 'number' ? r.answers[p.path[1]] : undefined;
    const questionId = sent ? sent.questionId : p.path[0] === 'answers' || p.path[0] === 'profile' ? String(p.path[1] ?? '') : '';
    const unitId = sent ? sent.unitId : typeof p.path[2] === 'string' ? p.path[2] : null;
    const where = unitId ? ` cho ${unitLabel(ctx.unitById.get(unitId), unitId)}` : '';
    const cell = `${questionId}\u0000${unitId ?? ''}`;
    if (sent) {
      badCells.add(cell);
      lines.push(`Câu ${quote(questions.get(questionId), questionId)}${where}: ${p.message}.`);
    } else if (p.code === 'answer.required' && questionId) {
      if (!badCells.has(cell)) lines.push(`Chưa trả lời câu bắt buộc ${quote(questions.get(questionId), questionId)}${where}.`);
    } else if (p.code === 'answer.hidden' && questionId) {
      lines.push(`Câu ${quote(questions.get(questionId), questionId)}${where} bị ẩn theo câu trả lời trước nhưng vẫn có câu trả lời.`);
    } else lines.push(`${p.message}.`);
  }
  parts.push(...lines.slice(0, MAX_LISTED));
  if (lines.length > MAX_LISTED) parts.push(`(và ${lines.length - MAX_LISTED} lỗi khác)`);
  return parts.join(' ');
}

import { createHash } from 'node:crypto';
import type { responses } from '../../db/schema';
import type { AnswerValue, Question, Questionnaire, Response } from '../../survey-forms/src';
import { Response as ResponseSchema, allQuestions, canonicalResponse, isAnswered, validateResponse } from '../../survey-forms/src';
import type { ErrorCode } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { findUnstorableText } from '../unstorable-text';
import { type CampaignContext, slotKey, versionKey } from './campaign-context';
import type { InvitationRow } from './invitations';
import { outOfScopeDetail, problemsDetail } from './sync-messages';

/**
 * Per-item checks of POST /api/sync, in memory and without I/O: shape, questionnaire
 * version, scope and the shared answer validator. A passing item becomes the exact rows to
 * store; a failing one becomes a `rejected` result with a stable code.
 */
export type SyncCredential = { kind: 'staff'; user: StaffUser } | { kind: 'invitation'; invitation: InvitationRow };

export interface Rejection {
  id: string;
  status: 'rejected';
  code: ErrorCode;
  detail: string;
}

export function rejection(id: string, code: ErrorCode, detail: string): Rejection {
  return { id, status: 'rejected', code, detail };
}

export interface ParsedItem {
  index: number;
  response: Response;
  /** The canonical JSON as stored in `responses.content`. */
  canonical: string;
  contentHash: string;
}

/**
 * One answer cell as sent to the database: [unit_id, question_id, choice, value]. The
 * response-level columns (response_id, campaign_id, group_code) are sent once per response
 * and `seq` is the position, so a batch of 50 × 40 cells is a small JSON document
 * (services/sync-store.ts unpacks it in SQL).
 */
export type CellTuple = [unitId: string | null, questionId: string, choice: string | null, value: AnswerValue];

/** One `response_units` row: response_id, campaign_id, unit_id, group_code. */
export interface RatedUnitRow {
  r: string;
  c: string;
  u: string;
  g: string;
}

/** Exactly the rows one response becomes: what sync stores, and what a held ballot keeps until it is mixed. */
export interface StoredRows {
  row: typeof responses.$inferInsert;
  cells: CellTuple[];
  unitRows: RatedUnitRow[];
}

export interface PreparedItem extends ParsedItem, StoredRows {}

/** The id a reply can name for an item, even an unparsable one. */
export function itemId(raw: unknown): string {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id.slice(0, 100);
  return '';
}

export function parseItem(raw: unknown, index: number): ParsedItem | Rejection {
  const parsed = ResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.map(String).join('.') || '(phiếu)'}: ${i.message}`)
      .join('; ');
    return rejection(itemId(raw), 'sync.invalid_response', detail);
  }
  const unstorable = findUnstorableText(parsed.data, '');
  if (unstorable) return rejection(parsed.data.id, 'sync.invalid_response', `${unstorable.path}: ${unstorable.message}`);
  const canonical = canonicalResponse(parsed.data);
  // Valid ISO times PostgreSQL cannot store (year 0000) or no survey can have: refused per item.
  for (const field of ['startedAt', 'completedAt'] as const) {
    const t = Date.parse(parsed.data[field]);
    if (!(t >= EARLIEST && t < LATEST)) return rejection(parsed.data.id, 'sync.invalid_response', `${field}: thời điểm ngoài khoảng 2000–2099`);
  }
  return { index, response: parsed.data, canonical, contentHash: createHash('sha256').update(canonical).digest('hex') };
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000 or unpaired surrogates; such a response is
 * rejected on its own instead of failing the whole batch in the database. JSON.stringify
 * writes exactly these as `\u0000` and `\udXXX` escapes (a typed backslash becomes `\\`),
 * so one scan of the canonical JSON finds them.
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

const questionMaps = new WeakMap<Questionnaire, Map<string, Question>>();
function questionsById(q: Questionnaire): Map<string, Question> {
  let map = questionMaps.get(q);
  if (!map) {
    map = new Map(allQuestions(q).map((x) => [x.id, x]));
    questionMaps.set(q, map);
  }
  return map;
}

/** Units the sender may rate in this campaign with this form: null means any. */
export type AllowedUnits = ReadonlySet<string> | null;

/**
 * Checks one parsed item against its campaign and the sender's scope. `assigned` is the
 * collector's unit set for the campaign (ignored for admins and invitations).
 */
export function checkItem(item: ParsedItem, ctx: CampaignContext, cred: SyncCredential, assigned: ReadonlySet<string>): PreparedItem | Rejection {
  const r = item.response;
  const q = ctx.questionnaires.get(versionKey(r.questionnaireId, r.questionnaireVersion));
  if (!q) return rejection(r.id, 'sync.unknown_questionnaire', `Đợt khảo sát không có phiếu ${r.questionnaireId} phiên bản ${r.questionnaireVersion}`);

  let allowed: AllowedUnits = null;
  if (cred.kind === 'invitation') {
    const inv = cred.invitation;
    const ownUnit = inv.unitId !== null;
    // The code is for one group × unit type: any published version of that slot's form.
    const slotForm = inv.unitType ? ctx.forms.get(slotKey(inv.groupCode, inv.unitType)) : undefined;
    if (r.campaignId !== inv.campaignId || r.group !== inv.groupCode || (q.mode === 'own_unit') !== ownUnit || (slotForm !== undefined && slotForm !== q.id)) {
      return rejection(r.id, 'invitation.scope', 'Mã mời không dành cho đợt khảo sát, nhóm hoặc phiếu này');
    }
    if (inv.unitId) allowed = new Set([inv.unitId]);
  } else if (cred.user.role === 'collector') {
    allowed = assigned;
  } else if (cred.user.role !== 'admin') {
    return rejection(r.id, 'auth.forbidden', 'Vai trò này không gửi phiếu');
  }

  const rated = [...new Set(r.answers.map((a) => a.unitId).filter((u): u is string => u !== null))];
  if (allowed) {
    const outside = rated.find((u) => !allowed.has(u));
    if (outside !== undefined) {
      const detail = cred.kind === 'staff' ? outOfScopeDetail(ctx, outside) : 'Mã mời không dùng để đánh giá đơn vị này';
      return rejection(r.id, 'sync.unit_out_of_scope', detail);
    }
  }
  // Completeness and unit types are judged against every unit of the form's type; who may rate which is settled above.
  const scope = ctx.units.filter((u) => u.type === q.unitType).map((u) => u.id);
  const problems = validateResponse(q, r, { unitIds: scope });
  if (problems.length > 0) {
    const byCollector = cred.kind === 'staff' && cred.user.role === 'collector';
    return rejection(r.id, 'sync.invalid_response', problemsDetail(q, ctx, r, problems, new Set(rated), byCollector));
  }
  const ownUnit = q.mode === 'own_unit' ? (rated[0] ?? null) : null;
  if (q.mode === 'own_unit' && ownUnit === null) return rejection(r.id, 'sync.invalid_response', 'answers: phiếu không có đơn vị được đánh giá');
  return prepare(item, q, ownUnit, rated, cred.kind === 'staff' ? cred.user.id : null);
}

function prepare(item: ParsedItem, q: Questionnaire, ownUnit: string | null, rated: string[], submittedBy: string | null): PreparedItem {
  const r = item.response;
  const byId = questionsById(q);
  // Scoring reads `choice` for single-choice answers and `value` for the rest; blanks are null in both.
  const cells = r.answers.map((a): CellTuple => {
    const question = byId.get(a.questionId);
    const blank = !isAnswered(a.value);
    const isChoice = question?.kind === 'single' && typeof a.value === 'string';
    return [a.unitId, a.questionId, !blank && isChoice ? (a.value as string) : null, !blank && !isChoice ? a.value : null];
  });
  return {
    ...item,
    row: {
      id: r.id,
      campaignId: r.campaignId,
      questionnaireId: r.questionnaireId,
      questionnaireVersion: r.questionnaireVersion,
      groupCode: r.group,
      unitId: ownUnit,
      channel: r.channel,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
      submittedBy,
      contentHash: item.contentHash,
      content: item.canonical,
      profile: r.profile ?? null,
      comment: r.comment ?? null,
    },
    cells,
    unitRows: rated.map((unitId) => ({ r: r.id, c: r.campaignId, u: unitId, g: r.group })),
  };
}

import { randomUUID } from 'node:crypto';
import { type Db, withTransaction } from '../../../db/client';
import type { CampaignDefinitionInput, Questionnaire, Response } from '../../../survey-forms/src';
import { CampaignDefinition, Questionnaire as QuestionnaireSchema } from '../../../survey-forms/src';
import { weighted } from '../../../survey-forms/definitions/options';
import { assignCollector, createCampaign } from '../../services/campaigns';
import { issueInvitations } from '../../services/invitations';
import { publishQuestionnaire } from '../../services/questionnaires';
import { readInvitationPepper } from '../../services/secrets';
import { createUser } from '../../services/users';

/**
 * The campaign of the load benchmark and the scale tests (docs/SCALING.md): 20 provincial
 * agencies, an own-unit form for civil servants (OWN_QUESTIONS scored questions about their own
 * agency) and a 20-unit matrix form for council delegates (CROSS_QUESTIONS questions for each
 * of the 20 agencies), collectors assigned to every agency, and invitation codes for
 * respondents of both forms. Responses carry seeded answers; `expectedCells` says how many
 * answer rows each one must leave, counted from the form, not from the server.
 */
export const UNITS = 20;
export const OWN_QUESTIONS = 30;
export const CROSS_QUESTIONS = 8;
const OPTIONS = weighted();

export interface LoadCampaign {
  campaignId: string;
  unitIds: string[];
  own: Questionnaire;
  cross: Questionnaire;
  collectors: { username: string; password: string }[];
  /** Unused codes for own-unit respondents, each with the unit it rates. */
  ownCodes: { code: string; unitId: string }[];
  /** Unused codes for matrix respondents (every agency). */
  crossCodes: string[];
}

export const COLLECTOR_PASSWORD = 'mat-khau-do-tai-123';

function forms(suffix: string): { own: Questionnaire; cross: Questionnaire } {
  const question = (id: string, i: number, perUnit: boolean) => ({
    id,
    kind: 'single' as const,
    text: `Câu hỏi đánh giá số ${i + 1}`,
    required: true,
    criterion: `1.${(i % 4) + 1}`,
    options: OPTIONS,
    ...(perUnit ? { perUnit: true } : {}),
  });
  const own = QuestionnaireSchema.parse({
    id: `tai-cc-${suffix}`,
    version: 1,
    title: 'Phiếu khảo sát công chức (đo tải)',
    group: 'cong_chuc',
    mode: 'own_unit',
    unitType: 'so',
    sections: [{ id: 'danh-gia', title: 'Đánh giá', questions: Array.from({ length: OWN_QUESTIONS }, (_, i) => question(`q${i + 1}`, i, false)) }],
  });
  const cross = QuestionnaireSchema.parse({
    id: `tai-hdnd-${suffix}`,
    version: 1,
    title: 'Phiếu đánh giá chéo 20 sở (đo tải)',
    group: 'dai_bieu_hdnd',
    mode: 'cross',
    unitType: 'so',
    sections: [{ id: 'ma-tran', title: 'Đánh giá từng sở', questions: Array.from({ length: CROSS_QUESTIONS }, (_, i) => question(`x${i + 1}`, i, true)) }],
  });
  return { own, cross };
}

/**
 * Creates the campaign on `db` (before the servers start or beside them: PostgreSQL), with
 * `collectors` collector accounts and `codes` invitation codes split between the two forms.
 */
export async function createLoadCampaign(db: Db, opts: { suffix: string; collectors: number; codes: number }): Promise<LoadCampaign> {
  const { own, cross } = forms(opts.suffix);
  await publishQuestionnaire(db, own, null);
  await publishQuestionnaire(db, cross, null);
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `SO-${String(i + 1).padStart(2, '0')}`, name: `Sở số ${i + 1}`, type: 'so' as const }));
  const input: CampaignDefinitionInput = {
    name: `Đo tải đồng bộ ${opts.suffix}`,
    year: 2026,
    organizer: 'Sở Nội vụ (đo tải)',
    status: 'open',
    opensAt: '2026-01-01T00:00:00+07:00',
    closesAt: '2030-12-31T23:59:59+07:00',
    missingPolicy: 'rescale',
    index: {
      surveyShare: 8,
      fields: [{ code: 'F1', name: 'Chỉ đạo điều hành', criteria: [1, 2, 3, 4].map((n) => ({ code: `1.${n}`, name: `Tiêu chí 1.${n}`, maxPoints: 2 })) }],
    },
    groups: [
      { code: 'cong_chuc', name: 'Công chức' },
      { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND' },
    ],
    units,
    questionnaires: [own, cross].map((q) => ({ id: q.id, version: 1 })),
    quotas: units.flatMap((u) => [
      { unitCode: u.code, group: 'cong_chuc' as const, target: 100_000, minRespondents: 3 },
      { unitCode: u.code, group: 'dai_bieu_hdnd' as const, target: 100_000, minRespondents: 3 },
    ]),
  };
  const created = await withTransaction(db, (tx) => createCampaign(tx, CampaignDefinition.parse(input)));
  const unitIds = units.map((u) => created.unitIds[u.code] as string);

  const collectors: LoadCampaign['collectors'] = [];
  for (let i = 0; i < opts.collectors; i++) {
    const username = `dtv-${opts.suffix}-${i + 1}`;
    const user = await createUser(db, { username, password: COLLECTOR_PASSWORD, role: 'collector' });
    await withTransaction(db, (tx) => assignCollector(tx, created.id, user.id, unitIds));
    collectors.push({ username, password: COLLECTOR_PASSWORD });
  }

  const pepper = await readInvitationPepper(db);
  const ownCodes: LoadCampaign['ownCodes'] = [];
  const perUnit = Math.ceil(opts.codes / 2 / UNITS);
  for (const unitId of unitIds) {
    const codes = await withTransaction(db, (tx) => issueInvitations(tx, pepper, created.id, { group: 'cong_chuc', unitId, count: perUnit }));
    for (const code of codes) ownCodes.push({ code, unitId });
  }
  const crossCodes: string[] = [];
  for (let left = Math.ceil(opts.codes / 2); left > 0; left -= 5000) {
    crossCodes.push(...(await withTransaction(db, (tx) => issueInvitations(tx, pepper, created.id, { group: 'dai_bieu_hdnd', unitType: 'so', count: Math.min(5000, left) }))));
  }
  return { campaignId: created.id, unitIds, own, cross, collectors, ownCodes, crossCodes };
}

/** Answer rows a response to `q` leaves in `answers`, from the form alone. */
export function expectedCells(c: LoadCampaign, questionnaireId: string): number {
  return questionnaireId === c.own.id ? OWN_QUESTIONS : CROSS_QUESTIONS * UNITS;
}

/** A complete response with answers drawn from `random`: own-unit about `unitId`, or the matrix about all 20. */
export function loadResponse(c: LoadCampaign, kind: 'own' | 'cross', random: () => number, unitId?: string): Response {
  const pick = () => 'ABCDE'[Math.floor(random() * 5)] as string;
  const q = kind === 'own' ? c.own : c.cross;
  const rated = kind === 'own' ? (unitId ?? (c.unitIds[Math.floor(random() * UNITS)] as string)) : null;
  const answers: Response['answers'] =
    kind === 'own'
      ? Array.from({ length: OWN_QUESTIONS }, (_, i) => ({ unitId: rated, questionId: `q${i + 1}`, value: pick() }))
      : c.unitIds.flatMap((u) => Array.from({ length: CROSS_QUESTIONS }, (_, i) => ({ unitId: u, questionId: `x${i + 1}`, value: pick() })));
  const now = Date.now();
  return {
    id: randomUUID(),
    campaignId: c.campaignId,
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    group: q.group,
    channel: 'interview',
    startedAt: new Date(now - 900_000).toISOString(),
    completedAt: new Date(now - 60_000).toISOString(),
    answers,
  };
}

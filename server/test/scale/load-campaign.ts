import { randomUUID } from 'node:crypto';
import { type Db, withTransaction } from '../../../db/client';
import type { Questionnaire, Response } from '../../../survey-forms/src';
import { assignCollector } from '../../services/campaigns';
import { issueInvitations } from '../../services/invitations';
import { readInvitationPepper } from '../../services/secrets';
import { createUser } from '../../services/users';
import { AGENCIES, createScoredCampaign, publishScoredForm } from './scored-campaign';

/**
 * The campaign of the load benchmark and the scale tests (docs/SCALING.md): 20 provincial
 * agencies, an own-unit form for civil servants (OWN_QUESTIONS scored questions about their own
 * agency) and a 20-unit matrix form for council delegates (CROSS_QUESTIONS questions for each
 * of the 20 agencies), collectors assigned to every agency, and invitation codes for
 * respondents of both forms. Responses carry seeded answers; `expectedCells` says how many
 * answer rows each one must leave, counted from the form, not from the server.
 */
export const UNITS = AGENCIES;
export const OWN_QUESTIONS = 30;
export const CROSS_QUESTIONS = 8;

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

/**
 * Creates the campaign on `db` (before the servers start or beside them: PostgreSQL), with
 * `collectors` collector accounts and `codes` invitation codes split between the two forms.
 */
export async function createLoadCampaign(db: Db, opts: { suffix: string; collectors: number; codes: number }): Promise<LoadCampaign> {
  const own = await publishScoredForm(db, {
    id: `tai-cc-${opts.suffix}`,
    title: 'Phiếu khảo sát công chức (đo tải)',
    group: 'cong_chuc',
    mode: 'own_unit',
    section: { id: 'danh-gia', title: 'Đánh giá' },
    prefix: 'q',
    count: OWN_QUESTIONS,
  });
  const cross = await publishScoredForm(db, {
    id: `tai-hdnd-${opts.suffix}`,
    title: 'Phiếu đánh giá chéo 20 sở (đo tải)',
    group: 'dai_bieu_hdnd',
    mode: 'cross',
    section: { id: 'ma-tran', title: 'Đánh giá từng sở' },
    prefix: 'x',
    count: CROSS_QUESTIONS,
    perUnit: true,
  });
  const created = await createScoredCampaign(db, {
    name: `Đo tải đồng bộ ${opts.suffix}`,
    organizer: 'Sở Nội vụ (đo tải)',
    groups: [
      { code: 'cong_chuc', name: 'Công chức' },
      { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND' },
    ],
    questionnaires: [own, cross],
    target: 100_000,
  });
  const { unitIds } = created;

  const collectors: LoadCampaign['collectors'] = [];
  for (let i = 0; i < opts.collectors; i++) {
    const username = `dtv-${opts.suffix}-${i + 1}`;
    const user = await createUser(db, { username, password: COLLECTOR_PASSWORD, role: 'collector' });
    await withTransaction(db, (tx) => assignCollector(tx, created.campaignId, user.id, unitIds));
    collectors.push({ username, password: COLLECTOR_PASSWORD });
  }

  const pepper = await readInvitationPepper(db);
  const ownCodes: LoadCampaign['ownCodes'] = [];
  const perUnit = Math.ceil(opts.codes / 2 / UNITS);
  for (const unitId of unitIds) {
    const codes = await withTransaction(db, (tx) => issueInvitations(tx, pepper, created.campaignId, { group: 'cong_chuc', unitId, count: perUnit }));
    for (const code of codes) ownCodes.push({ code, unitId });
  }
  const crossCodes: string[] = [];
  for (let left = Math.ceil(opts.codes / 2); left > 0; left -= 5000) {
    crossCodes.push(...(await withTransaction(db, (tx) => issueInvitations(tx, pepper, created.campaignId, { group: 'dai_bieu_hdnd', unitType: 'so', count: Math.min(5000, left) }))));
  }
  return { campaignId: created.campaignId, unitIds, own, cross, collectors, ownCodes, crossCodes };
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

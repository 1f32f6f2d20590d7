import { randomUUID } from 'node:crypto';
import { type Db, withTransaction } from '../../db/client';
import type { CampaignDefinitionInput, CampaignStatus, Questionnaire, QuestionnaireInput, Response } from '../../survey-forms/src';
import { CampaignDefinition, Questionnaire as QuestionnaireSchema, allQuestions } from '../../survey-forms/src';
import { createCampaign } from '../services/campaigns';
import { publishQuestionnaire } from '../services/questionnaires';
import { FIVE_LEVEL, weighted } from '../../survey-forms/definitions/options';

/**
 * A small, complete campaign for tests: 3 agencies and 2 communes, four groups, an index
 * worth 10 points, and three questionnaires (own-unit civil servants, cross-evaluation by
 * delegates, citizens with SIPAS questions). Each call publishes its own questionnaire ids,
 * so tests never share mutable seeded data.
 */
let fixtureCounter = 0;

const WEIGHTED = weighted();

export function fixtureQuestionnaires(suffix: string): { own: QuestionnaireInput; cross: QuestionnaireInput; citizen: QuestionnaireInput } {
  const profile = {
    id: 'ho-so',
    title: 'Thông tin người trả lời',
    questions: [
      { id: 'gioi_tinh', kind: 'single' as const, text: 'Giới tính', profile: true, options: [{ code: 'nam', label: 'Nam' }, { code: 'nu', label: 'Nữ' }, { code: 'khac', label: 'Khác' }] },
    ],
  };
  // Cloned so a test that edits its questionnaire never changes another test's (shared option arrays).
  return structuredClone({
    own: {
      id: `cc-so-${suffix}`,
      version: 1,
      title: 'Phiếu khảo sát công chức về cơ quan mình',
      group: 'cong_chuc',
      mode: 'own_unit',
      unitType: 'so',
      sections: [
        profile,
        {
          id: 'danh-gia',
          title: 'Đánh giá',
          questions: [
            { id: 'q1', kind: 'single', text: 'Công tác chỉ đạo CCHC', required: true, criterion: '1.1', options: WEIGHTED },
            { id: 'q2', kind: 'single', text: 'Công khai thủ tục hành chính', required: true, criterion: '2.1.1', options: WEIGHTED },
            { id: 'q3', kind: 'single', text: 'Giải quyết thủ tục đúng hạn', required: true, criterion: '2.1.2', options: WEIGHTED },
            { id: 'co_gop_y', kind: 'single', text: 'Anh/chị có góp ý thêm?', options: [{ code: 'co', label: 'Có' }, { code: 'khong', label: 'Không' }] },
            { id: 'gop_y', kind: 'text', text: 'Góp ý', required: true, maxLength: 500, showIf: { questionId: 'co_gop_y', anyOf: ['co'] } },
          ],
        },
      ],
    },
    cross: {
      id: `hdnd-so-${suffix}`,
      version: 1,
      title: 'Phiếu đánh giá chéo các sở của đại biểu HĐND',
      group: 'dai_bieu_hdnd',
      mode: 'cross',
      unitType: 'so',
      sections: [
        {
          id: 'ma-tran',
          title: 'Đánh giá từng sở',
          questions: [
            { id: 'x1', kind: 'single', text: 'Chỉ đạo điều hành CCHC', required: true, perUnit: true, criterion: '1.1', options: WEIGHTED },
            { id: 'x2', kind: 'single', text: 'Công khai thủ tục', required: true, perUnit: true, criterion: '2.1.1', options: WEIGHTED },
            { id: 'y_kien', kind: 'text', text: 'Ý kiến chung', maxLength: 1000 },
          ],
        },
      ],
    },
    citizen: {
      id: `dan-xa-${suffix}`,
      version: 1,
      title: 'Phiếu lấy ý kiến người dân (SIPAS)',
      group: 'nguoi_dan',
      mode: 'own_unit',
      unitType: 'xa',
      sections: [
        {
          id: 'hai-long',
          title: 'Mức độ hài lòng',
          questions: [
            { id: 's_access', kind: 'single', text: 'Tiếp cận dịch vụ', required: true, sipasElement: 'access', options: FIVE_LEVEL },
            { id: 's_procedure', kind: 'single', text: 'Thủ tục hành chính', required: true, sipasElement: 'procedure', options: FIVE_LEVEL },
            { id: 's_servant', kind: 'single', text: 'Công chức giải quyết', required: true, sipasElement: 'civil_servant', options: FIVE_LEVEL },
            { id: 's_result', kind: 'single', text: 'Kết quả giải quyết', required: true, sipasElement: 'result', options: FIVE_LEVEL },
            { id: 's_feedback', kind: 'single', text: 'Tiếp nhận, xử lý góp ý', required: true, sipasElement: 'feedback', options: FIVE_LEVEL },
            { id: 'so_lan', kind: 'number', text: 'Số lần đi lại', min: 1, max: 20 },
          ],
        },
      ],
    },
  });
}

export interface FixtureCampaign {
  campaignId: string;
  /** Unit id by code: SO-NV, SO-TC, SO-TP (agencies), XA-01, XA-02 (communes). */
  unitIds: Record<string, string>;
  own: Questionnaire;
  cross: Questionnaire;
  citizen: Questionnaire;
  definition: CampaignDefinition;
}

export async function createFixtureCampaign(db: Db, opts: { status?: CampaignStatus; missingPolicy?: 'rescale' | 'zero' } = {}): Promise<FixtureCampaign> {
  const suffix = `${process.pid}-${++fixtureCounter}`;
  const forms = fixtureQuestionnaires(suffix);
  const own = QuestionnaireSchema.parse(forms.own);
  const cross = QuestionnaireSchema.parse(forms.cross);
  const citizen = QuestionnaireSchema.parse(forms.citizen);
  for (const q of [own, cross, citizen]) await publishQuestionnaire(db, q, null);
  const input: CampaignDefinitionInput = {
    name: `Khảo sát thử nghiệm ${suffix}`,
    year: 2026,
    organizer: 'Sở Nội vụ tỉnh Thử Nghiệm',
    status: opts.status ?? 'open',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2026-12-31T23:59:59+07:00',
    missingPolicy: opts.missingPolicy ?? 'rescale',
    index: {
      surveyShare: 10,
      fields: [
        { code: 'F1', name: 'Công tác chỉ đạo điều hành CCHC', criteria: [{ code: '1.1', name: 'Chỉ đạo, điều hành', maxPoints: 4 }] },
        {
          code: 'F2',
          name: 'Thủ tục hành chính',
          criteria: [
            {
              code: '2.1',
              name: 'Giải quyết thủ tục hành chính',
              subCriteria: [
                { code: '2.1.1', name: 'Công khai thủ tục', maxPoints: 3 },
                { code: '2.1.2', name: 'Đúng hạn', maxPoints: 3 },
              ],
            },
          ],
        },
      ],
    },
    groups: [
      { code: 'cong_chuc', name: 'Công chức' },
      { code: 'lanh_dao_phong', name: 'Lãnh đạo cấp phòng' },
      { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND' },
      { code: 'nguoi_dan', name: 'Người dân' },
    ],
    units: [
      { code: 'SO-NV', name: 'Sở Nội vụ', type: 'so' },
      { code: 'SO-TC', name: 'Sở Tài chính', type: 'so' },
      { code: 'SO-TP', name: 'Sở Tư pháp', type: 'so' },
      { code: 'XA-01', name: 'Phường Bến Thành', type: 'xa' },
      { code: 'XA-02', name: 'Xã Tân Phú', type: 'xa' },
    ],
    questionnaires: [own, cross, citizen].map((q) => ({ id: q.id, version: q.version })),
    quotas: [
      ...['SO-NV', 'SO-TC', 'SO-TP'].flatMap((unitCode) => [
        { unitCode, group: 'cong_chuc' as const, target: 5, minRespondents: 3 },
        { unitCode, group: 'dai_bieu_hdnd' as const, target: 4, minRespondents: 3 },
      ]),
      { unitCode: 'XA-01', group: 'nguoi_dan', target: 10, minRespondents: 3 },
      { unitCode: 'XA-02', group: 'nguoi_dan', target: 10, minRespondents: 3 },
    ],
  };
  const definition = CampaignDefinition.parse(input);
  const { id, unitIds } = await withTransaction(db, (tx) => createCampaign(tx, definition));
  return { campaignId: id, unitIds, own, cross, citizen, definition };
}

/**
 * A valid response to `q` answering every required question with `choice` (scored and
 * SIPAS questions) for each unit in `unitIds` (one unit for own-unit forms).
 */
export function makeResponse(q: Questionnaire, campaignId: string, unitIds: readonly string[], choice = 'A'): Response {
  const answers: Response['answers'] = [];
  const profile: Record<string, string> = {};
  for (const question of allQuestions(q)) {
    if (question.showIf || question.relevant || question.kind !== 'single') continue;
    if (!question.required && !question.profile && !question.criterion && !question.sipasElement) continue;
    const option = question.options.find((o) => o.code === choice) ?? question.options[0];
    if (!option) continue;
    if (question.profile) profile[question.id] = option.code;
    else if (q.mode === 'own_unit') answers.push({ unitId: unitIds[0] ?? null, questionId: question.id, value: option.code });
    else if (question.perUnit) for (const unitId of unitIds) answers.push({ unitId, questionId: question.id, value: option.code });
    else answers.push({ unitId: null, questionId: question.id, value: option.code });
  }
  const now = Date.now();
  return {
    id: randomUUID(),
    campaignId,
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    group: q.group,
    channel: 'self',
    startedAt: new Date(now - 10 * 60_000).toISOString(),
    completedAt: new Date(now).toISOString(),
    answers,
    ...(Object.keys(profile).length ? { profile } : {}),
  };
}

import type { Db } from '../../db/client';
import { withTransaction } from '../../db/client';
import { createCampaign } from '../../server/services/campaigns';
import { issueInvitations } from '../../server/services/invitations';
import { publishQuestionnaire } from '../../server/services/questionnaires';
import { weighted } from '../../survey-forms/definitions/options';
import { CampaignDefinition, Questionnaire, type CampaignDefinitionInput, type QuestionnaireInput } from '../../survey-forms/src';

/**
 * A cross-evaluation campaign of `units` communes rated on seven questions, as the post-2025
 * forms where an agency leader rates every commune of the province (docs/PWA.md "The
 * cross-evaluation matrix"). Used by pwa/e2e/matrix-phone.test.ts and scripts/bench/matrix.ts.
 */
const BASES = ['Tân Phú', 'An Bình', 'Đông Hòa', 'Phước Long', 'Bình Minh', 'Hòa Thành', 'Long Hưng', 'Thạnh Lợi', 'Đức Hạnh', 'Minh Đức', 'Tân Lập', 'Thuận Lợi', 'Đồng Xoài', 'Lộc Ninh', 'Bù Đăng', 'Phú Riềng', 'Tân Khai', 'Thanh Lương', 'Đa Kia', 'Bình Tân', 'Nha Bích', 'Minh Hưng', 'Tân Hưng', 'Lộc Tấn', 'Đăk Ơ', 'Bù Gia Mập', 'Phú Nghĩa', 'Thọ Sơn', 'Đồng Nai', 'Hưng Phước', 'Tân Tiến', 'Thiện Hưng', 'Phú Trung', 'Long Hà', 'Bình Sơn', 'Đắk Nhau', 'Nghĩa Trung', 'Tân Quan', 'Thanh An', 'Lộc Thạnh', 'An Khương', 'Tân Hiệp', 'Minh Lập', 'Đồng Tâm', 'Phước Sơn', 'Long Tân', 'Bình Phước', 'Hòa Lộc', 'Thống Nhất', 'Quang Minh'];
const PREFIXES = ['Xã', 'Phường', 'Đặc khu'];

/** Unit names in list order: "Xã Tân Phú", "Xã An Bình", … then "Phường Tân Phú", …; unique up to 150. */
export function communeNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${PREFIXES[Math.floor(i / BASES.length) % PREFIXES.length]} ${BASES[i % BASES.length]}`);
}

const TEXTS = [
  'Chất lượng hướng dẫn, trả lời kiến nghị của xã',
  'Công khai đầy đủ, kịp thời thủ tục hành chính',
  'Giải quyết hồ sơ, thủ tục hành chính đúng hạn',
  'Tiếp nhận, xử lý phản ánh, kiến nghị',
  'Chất lượng dịch vụ công trực tuyến',
  'Phối hợp với cơ quan cấp tỉnh',
  'Tác động của cải cách hành chính đến đời sống người dân',
];

let serial = 0;

export interface MatrixCampaign {
  campaignId: string;
  /** Unit ids in the order the form lists them (by name, as the invitation returns them). */
  unitIds: Record<string, string>;
  names: string[];
  questionIds: string[];
  code: string;
}

export async function createMatrixCampaign(db: Db, pepper: string, units: number): Promise<MatrixCampaign> {
  const suffix = `${process.pid}-${++serial}`;
  const questionIds = TEXTS.map((_, i) => `m${i + 1}`);
  const form: QuestionnaireInput = {
    id: `lanh-dao-so-xa-${suffix}`,
    version: 1,
    title: 'Phiếu lãnh đạo sở đánh giá các xã, phường',
    group: 'lanh_dao_so',
    mode: 'cross',
    unitType: 'xa',
    sections: [
      {
        id: 'danh-gia',
        title: 'Đánh giá từng xã, phường',
        questions: TEXTS.map((text, i) => ({ id: questionIds[i] as string, kind: 'single' as const, text, required: true, perUnit: true, criterion: `${i + 1}.1`, options: weighted() })),
      },
      { id: 'y-kien', title: 'Ý kiến khác', questions: [{ id: 'y_kien', kind: 'text', text: 'Ý kiến khác', maxLength: 500 }] },
    ],
  };
  const q = Questionnaire.parse(form);
  await publishQuestionnaire(db, q, null);
  const names = communeNames(units);
  const input: CampaignDefinitionInput = {
    name: `Đánh giá chéo ${suffix}`,
    year: 2026,
    organizer: 'Sở Nội vụ tỉnh Thử Nghiệm',
    status: 'open',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2026-12-31T23:59:59+07:00',
    missingPolicy: 'rescale',
    index: {
      surveyShare: 7,
      fields: TEXTS.map((_, i) => ({ code: `F${i + 1}`, name: `Lĩnh vực ${i + 1}`, criteria: [{ code: `${i + 1}.1`, name: `Tiêu chí ${i + 1}.1`, maxPoints: 1 }] })),
    },
    groups: [{ code: 'lanh_dao_so', name: 'Lãnh đạo sở' }],
    units: names.map((name, i) => ({ code: `XA-${String(i + 1).padStart(3, '0')}`, name, type: 'xa' as const })),
    questionnaires: [{ id: q.id, version: q.version }],
  };
  const definition = CampaignDefinition.parse(input);
  const { id, unitIds } = await withTransaction(db, (tx) => createCampaign(tx, definition));
  const [code] = await withTransaction(db, (tx) => issueInvitations(tx, pepper, id, { group: 'lanh_dao_so', count: 1 }));
  if (!code) throw new Error('no invitation issued');
  const byName: Record<string, string> = {};
  names.forEach((name, i) => (byName[name] = unitIds[`XA-${String(i + 1).padStart(3, '0')}`] as string));
  return { campaignId: id, unitIds: byName, names, questionIds, code };
}

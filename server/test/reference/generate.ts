/**
 * Writes dataset.json: the reference campaign for scoring (docs/SCORING.md "Tests").
 * Deterministic (its own small PRNG), so re-running it reproduces the committed file exactly.
 * Run: npx tsx server/test/reference/generate.ts
 */
import { writeFileSync } from 'node:fs';

let state = 12345;
function rand(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return ((state >>> 8) & 0xffffff) / 0x1000000;
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const W1 = [
  { code: 'A', label: 'Rất tốt', weight: 1 },
  { code: 'B', label: 'Tốt', weight: 0.6 },
  { code: 'C', label: 'Trung bình', weight: 0.2 },
  { code: 'D', label: 'Kém', weight: 0 },
  { code: 'E', label: 'Không biết', weight: null },
];
// Version 2 of the leaders' form weighs options as some provinces do: 1 / 0.75 / 0.5 / 0.25 / 0.
const W2 = [
  { code: 'A', label: 'Rất tốt', weight: 1 },
  { code: 'B', label: 'Tốt', weight: 0.75 },
  { code: 'C', label: 'Khá', weight: 0.5 },
  { code: 'D', label: 'Trung bình', weight: 0.25 },
  { code: 'F', label: 'Kém', weight: 0 },
  { code: 'E', label: 'Không biết', weight: null },
];
const AGENCY_Q: Record<string, string> = { q1: '1.1', q2: '1.1', q3: '1.2', q4: '2.1.1', q5: '2.1.2', q6: '2.2', q7: '3.1', q8: '3.1', q9: '4.1', q10: '4.2' };
const CROSS_Q: Record<string, string> = { x1: '1.1', x2: '2.1.1', x3: '2.2', x4: '3.1', x5: '4.2' };
const COMMUNE_Q: Record<string, string> = { c1: '1.1', c2: '1.2', c3: '2.1.1', c4: '2.1.2', c5: '2.2', c6: '3.1', c7: '4.1', c8: '3.1' };

function form(id: string, version: number, group: string, unitType: string, mode: string, questions: Record<string, string>, options: typeof W1) {
  return {
    id,
    version,
    title: `Phiếu tham chiếu ${id}`,
    group,
    mode,
    unitType,
    sections: [
      {
        id: 'danh-gia',
        title: 'Đánh giá',
        questions: [
          { id: 'gioi_tinh', kind: 'single', text: 'Giới tính', profile: true, options: [{ code: 'nam', label: 'Nam' }, { code: 'nu', label: 'Nữ' }] },
          ...Object.entries(questions).map(([qid, criterion]) => ({ id: qid, kind: 'single', text: `Câu ${qid}`, criterion, perUnit: mode === 'cross', options })),
        ],
      },
    ],
  };
}

const agencies = Array.from({ length: 20 }, (_, i) => ({ code: `SO-${String(i + 1).padStart(2, '0')}`, name: `Sở tham chiếu số ${i + 1}`, type: 'so' }));
const communes = Array.from({ length: 12 }, (_, i) => ({ code: `XA-${String(i + 1).padStart(2, '0')}`, name: `Xã tham chiếu số ${i + 1}`, type: 'xa' }));
const questionnaires = [
  form('ref-ldp-so', 1, 'lanh_dao_phong', 'so', 'own_unit', AGENCY_Q, W1),
  form('ref-ldp-so', 2, 'lanh_dao_phong', 'so', 'own_unit', AGENCY_Q, W2),
  form('ref-cc-so', 1, 'cong_chuc', 'so', 'own_unit', AGENCY_Q, W1),
  form('ref-hdnd-so', 1, 'dai_bieu_hdnd', 'so', 'cross', CROSS_Q, W1),
  form('ref-cc-xa', 1, 'cong_chuc', 'xa', 'own_unit', COMMUNE_Q, W1),
];

/** A unit's quality decides its answer mix: better units get more A and B. */
function pick(quality: number, codes: string[], dontKnow: number): string | null {
  const r = rand();
  if (r < 0.04) return null; // blank
  if (r < 0.04 + dontKnow) return 'E';
  const x = rand() < quality ? (rand() < 0.6 ? 0 : 1) : Math.floor(rand() * codes.length);
  return codes[x] ?? codes[0] ?? null;
}

type Answer = [string | null, string, string | null];
const responses: { id: string; questionnaireId: string; version: number; group: string; unitCode: string | null; answers: Answer[] }[] = [];
let seq = 0;
const id = () => `00000000-0000-4000-a000-${String(++seq).padStart(12, '0')}`;

agencies.forEach((unit, i) => {
  if (i === 19) return; // SO-20: only the delegates rate it
  const quality = (i % 7) / 7 + 0.1;
  const dontKnow = i === 18 ? 0.96 : 0.06; // SO-19: mostly "don't know"
  for (let k = i === 18 ? 9 : int(4, 8); k > 0; k--) {
    const version = rand() < 0.5 ? 1 : 2;
    const codes = version === 1 ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'F'];
    const skip10 = i === 5; // SO-06: nobody answers q10 → 4.2 only from delegates
    responses.push({
      id: id(), questionnaireId: 'ref-ldp-so', version, group: 'lanh_dao_phong', unitCode: unit.code,
      answers: Object.keys(AGENCY_Q).map((q): Answer => [unit.code, q, skip10 && q === 'q10' ? null : pick(quality, codes, dontKnow)]),
    });
  }
  for (let k = i === 3 ? 2 : i === 18 ? 9 : int(3, 8); k > 0; k--) {
    responses.push({
      id: id(), questionnaireId: 'ref-cc-so', version: 1, group: 'cong_chuc', unitCode: unit.code,
      answers: Object.keys(AGENCY_Q).map((q): Answer => [unit.code, q, pick(quality, ['A', 'B', 'C', 'D'], dontKnow)]),
    });
  }
});
for (let d = 0; d < 25; d++) {
  const straight = d < 2; // two delegates fill every cell with B
  responses.push({
    id: id(), questionnaireId: 'ref-hdnd-so', version: 1, group: 'dai_bieu_hdnd', unitCode: null,
    answers: agencies.flatMap((unit, i) => Object.keys(CROSS_Q).map((q): Answer => [unit.code, q, straight ? 'B' : pick((i % 5) / 5 + 0.2, ['A', 'B', 'C', 'D'], 0.1)])),
  });
}
let twin: Answer[][] = [];
communes.forEach((unit, i) => {
  if (i === 11) return; // XA-12: no responses at all
  if (i === 10) {
    // XA-11 repeats XA-10's answers exactly: a tie in the ranking.
    for (const answers of twin) responses.push({ id: id(), questionnaireId: 'ref-cc-xa', version: 1, group: 'cong_chuc', unitCode: unit.code, answers: answers.map(([, q, c]) => [unit.code, q, c]) });
    return;
  }
  const made: Answer[][] = [];
  for (let k = int(3, 8); k > 0; k--) {
    const answers = Object.keys(COMMUNE_Q).map((q): Answer => [unit.code, q, pick((i % 4) / 4 + 0.15, ['A', 'B', 'C', 'D'], 0.08)]);
    made.push(answers);
    responses.push({ id: id(), questionnaireId: 'ref-cc-xa', version: 1, group: 'cong_chuc', unitCode: unit.code, answers });
  }
  if (i === 9) twin = made;
});

const dataset = {
  campaign: {
    name: 'Đợt khảo sát tham chiếu',
    year: 2026,
    organizer: 'Sở Nội vụ tỉnh Tham Chiếu',
    status: 'open',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2026-12-31T23:59:59+07:00',
    missingPolicy: 'rescale',
    index: {
      surveyShare: 30,
      fields: [
        { code: 'F1', name: 'Chỉ đạo điều hành', criteria: [{ code: '1.1', name: 'Kế hoạch CCHC', maxPoints: 4 }, { code: '1.2', name: 'Tuyên truyền', maxPoints: 3 }] },
        {
          code: 'F2',
          name: 'Thủ tục hành chính',
          criteria: [
            { code: '2.1', name: 'Công khai', subCriteria: [{ code: '2.1.1', name: 'Niêm yết', maxPoints: 3 }, { code: '2.1.2', name: 'Cổng dịch vụ công', maxPoints: 2 }] },
            { code: '2.2', name: 'Giải quyết đúng hạn', maxPoints: 4 },
          ],
        },
        { code: 'F3', name: 'Tổ chức bộ máy', criteria: [{ code: '3.1', name: 'Sắp xếp bộ máy', maxPoints: 5 }] },
        { code: 'F4', name: 'Chế độ công vụ', criteria: [{ code: '4.1', name: 'Kỷ luật, kỷ cương', maxPoints: 4 }, { code: '4.2', name: 'Thái độ phục vụ', maxPoints: 5 }] },
      ],
    },
    groups: [
      { code: 'lanh_dao_phong', name: 'Lãnh đạo cấp phòng', weight: 2 },
      { code: 'cong_chuc', name: 'Công chức', weight: 1 },
      { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND', weight: 1.5 },
    ],
    units: [...agencies, ...communes],
    questionnaires: [
      { id: 'ref-ldp-so', version: 2 },
      { id: 'ref-cc-so', version: 1 },
      { id: 'ref-hdnd-so', version: 1 },
      { id: 'ref-cc-xa', version: 1 },
    ],
    quotas: [
      ...agencies.flatMap((u) => [
        { unitCode: u.code, group: 'lanh_dao_phong', target: 6, minRespondents: 3 },
        { unitCode: u.code, group: 'cong_chuc', target: 6, minRespondents: 3 },
        { unitCode: u.code, group: 'dai_bieu_hdnd', target: 25, minRespondents: 10 },
      ]),
      ...communes.map((u) => ({ unitCode: u.code, group: 'cong_chuc', target: 8, minRespondents: 4 })),
    ],
  },
  questionnaires,
  responses,
};
writeFileSync(new URL('./dataset.json', import.meta.url), `${JSON.stringify(dataset)}\n`);
console.log(`${responses.length} responses, ${responses.reduce((s, r) => s + r.answers.length, 0)} answers`);

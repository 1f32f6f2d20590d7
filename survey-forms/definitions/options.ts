import type { QuestionnaireInput } from '../src';

/**
 * Shared building blocks of the demo questionnaires: the usual A–E scale of docs/DOMAIN.md §2 questionnaires
 * (weights 1 / 0.6 / 0.2 / 0, E "don't know" excluded with weight null), the SIPAS
 * five-level scale, and coarse respondent-profile questions (age band, never birth date).
 */
type SectionInput = QuestionnaireInput['sections'][number];
export type QuestionInput = SectionInput['questions'][number];
export type OptionInput = NonNullable<QuestionInput['options']>[number];

export const DONT_KNOW: OptionInput = { code: 'E', label: 'Không biết / Không đánh giá', weight: null };

/** A–D with the standard weights, then "don't know"; labels per question when the default does not read well. */
export function weighted(labels: readonly [string, string, string, string] = ['Rất tốt', 'Tốt', 'Trung bình', 'Kém']): OptionInput[] {
  const weights = [1, 0.6, 0.2, 0];
  return [...labels.map((label, i) => ({ code: 'ABCD'[i] as string, label, weight: weights[i] as number })), DONT_KNOW];
}

/** SIPAS five-level satisfaction scale; "Hài lòng" and "Rất hài lòng" count as satisfied (docs/SCORING.md rule 8). */
export const FIVE_LEVEL: OptionInput[] = [
  { code: '1', label: 'Rất không hài lòng' },
  { code: '2', label: 'Không hài lòng' },
  { code: '3', label: 'Bình thường' },
  { code: '4', label: 'Hài lòng', satisfied: true },
  { code: '5', label: 'Rất hài lòng', satisfied: true },
];

export const YES_NO: OptionInput[] = [
  { code: 'co', label: 'Có' },
  { code: 'khong', label: 'Không' },
];

export const GIOI_TINH: QuestionInput = {
  id: 'gioi_tinh',
  kind: 'single',
  text: 'Giới tính',
  profile: true,
  options: [
    { code: 'nam', label: 'Nam' },
    { code: 'nu', label: 'Nữ' },
    { code: 'khong_tra_loi', label: 'Không muốn trả lời' },
  ],
};

export const NHOM_TUOI: QuestionInput = {
  id: 'nhom_tuoi',
  kind: 'single',
  text: 'Nhóm tuổi',
  profile: true,
  options: [
    { code: 'duoi_30', label: 'Dưới 30 tuổi' },
    { code: '30_39', label: 'Từ 30 đến 39 tuổi' },
    { code: '40_49', label: 'Từ 40 đến 49 tuổi' },
    { code: 'tu_50', label: 'Từ 50 tuổi trở lên' },
  ],
};

export const SO_NAM_CONG_TAC: QuestionInput = {
  id: 'so_nam_cong_tac',
  kind: 'single',
  text: 'Số năm công tác',
  profile: true,
  options: [
    { code: 'duoi_5', label: 'Dưới 5 năm' },
    { code: '5_10', label: 'Từ 5 đến 10 năm' },
    { code: '11_20', label: 'Từ 11 đến 20 năm' },
    { code: 'tren_20', label: 'Trên 20 năm' },
  ],
};

export function chucVu(options: readonly [string, string][]): QuestionInput {
  return { id: 'chuc_vu', kind: 'single', text: 'Chức vụ hiện nay', profile: true, options: options.map(([code, label]) => ({ code, label })) };
}

/** An optional yes/no "any comment?" followed by the comment itself (the skip logic every form shows). */
export function commentSection(prompt: string): SectionInput {
  return {
    id: 'gop-y',
    title: 'Góp ý',
    questions: [
      { id: 'co_gop_y', kind: 'single', text: 'Anh/chị có góp ý thêm để cải thiện công tác cải cách hành chính không?', options: YES_NO },
      { id: 'gop_y', kind: 'text', text: prompt, required: true, maxLength: 2000, relevant: { op: '=', q: 'co_gop_y', value: 'co' } },
    ],
  };
}

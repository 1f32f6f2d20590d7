import { lang } from '../lib/i18n';

/** Words of the cross-evaluation matrix, in the matrix chunk; Vietnamese first. */
const vi = {
  missingCells: (n: number) => `Còn ${n} ô chưa trả lời`,
  fillColumn: 'Điền cả cột',
  fillColumnHint: 'Chọn một mức cho tất cả đơn vị, sau đó có thể sửa từng ô.',
  byQuestion: 'Theo câu hỏi',
  byUnit: 'Theo đơn vị',
  questionOf: (i: number, n: number) => `Câu ${i}/${n}`,
  unitOf: (i: number, n: number) => `Đơn vị ${i}/${n}`,
  prev: 'Trước',
  nextPage: 'Sau',
  answeredOf: (a: number, n: number) => `Đã trả lời ${a}/${n} ô`,
  unitsLeft: (n: number) => `Còn ${n} đơn vị chưa xong`,
  findUnit: 'Tìm đơn vị',
  noUnit: 'Không thấy đơn vị nào',
  skipUnit: 'Không đánh giá cả đơn vị',
  replaceAsk: (n: number) => `${n} ô đã có câu trả lời khác. Anh/chị muốn thay cả các ô này?`,
  replaceAll: 'Thay cả các ô này',
  blanksOnly: 'Chỉ điền ô trống',
  cancel: 'Hủy',
};
type Text = typeof vi;
const en: Text = {
  missingCells: (n: number) => `${n} cells still unanswered`,
  fillColumn: 'Fill the column',
  fillColumnHint: 'Pick one level for every unit, then change single cells if needed.',
  byQuestion: 'By question',
  byUnit: 'By unit',
  questionOf: (i: number, n: number) => `Question ${i} of ${n}`,
  unitOf: (i: number, n: number) => `Unit ${i} of ${n}`,
  prev: 'Previous',
  nextPage: 'Next',
  answeredOf: (a: number, n: number) => `${a} of ${n} cells answered`,
  unitsLeft: (n: number) => `${n} units not finished`,
  findUnit: 'Find a unit',
  noUnit: 'No unit found',
  skipUnit: 'No opinion on this whole unit',
  replaceAsk: (n: number) => `${n} cells already hold another answer. Replace them too?`,
  replaceAll: 'Replace them too',
  blanksOnly: 'Fill blank cells only',
  cancel: 'Cancel',
};
export const mt = (): Text => (lang() === 'en' ? en : vi);

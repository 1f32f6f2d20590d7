/**
 * The respondent's interface text in Vietnamese: the one definition of the respondent's keys.
 * Add a string here first; TypeScript then asks for it in respondent-en.ts. This module is in
 * the first load (lib/i18n.ts imports it): only what the intro, the questions and their errors
 * say; screens that come later keep their words in a `*-text.ts` of their own (lib/i18n.ts).
 * English is loaded only when someone switches.
 * Field staff's strings live in strings/staff.ts, the console's in routes/console/text.ts.
 * Formal address throughout (anh/chị, never "bạn"); questionnaire content is data, not here.
 */
export const respondentVi = {
  appName: 'Khảo sát CCHC',
  switchLang: 'English',
  loading: 'Đang tải…',
  offline: 'Đang ngoại tuyến — câu trả lời vẫn được lưu trên máy',
  open: 'Mở phiếu',
  codeUnknown: 'Mã mời không tồn tại hoặc đã bị hủy. Vui lòng kiểm tra lại mã in trên phiếu mời.',
  codeClosed: 'Đợt khảo sát này đã kết thúc, không nhận thêm phiếu trả lời. Xin cảm ơn ông/bà đã quan tâm.',
  codeUsed: 'Mã mời này đã được sử dụng.',
  codeNeedsNet: 'Cần kết nối mạng để mở phiếu lần đầu. Vui lòng thử lại khi có sóng.',
  loadFailed: 'Không tải được phiếu. Vui lòng thử lại.',
  retry: 'Thử lại',
  purpose: 'Mục đích',
  duration: (m: number) => `Thời gian trả lời: khoảng ${m} phút`,
  closes: (d: string) => `Hạn trả lời: ${d}`,
  anonymity: 'Phiếu khảo sát ẩn danh: câu trả lời không gắn với tên, mã mời hay thiết bị của anh/chị. Không ai biết anh/chị đã trả lời gì.',
  savedOnDevice: 'Mỗi câu trả lời được lưu ngay trên máy này; anh/chị có thể đóng và mở lại đường dẫn để làm tiếp.',
  start: 'Bắt đầu',
  resume: 'Làm tiếp',
  section: (i: number, n: number) => `Phần ${i}/${n}`,
  next: 'Tiếp',
  back: 'Quay lại',
  submit: 'Gửi phiếu',
  required: 'Bắt buộc',
  missing: 'Vui lòng trả lời câu hỏi này',
  numberPlaceholder: 'Nhập số',
  wholeNumber: 'số nguyên',
  between: (min?: number, max?: number) => (min !== undefined && max !== undefined ? `từ ${min} đến ${max}` : min !== undefined ? `từ ${min} trở lên` : `tối đa ${max}`),
  chars: (min?: number, max?: number) => (min !== undefined && max !== undefined ? `từ ${min} đến ${max} ký tự` : min !== undefined ? `ít nhất ${min} ký tự` : `tối đa ${max} ký tự`),
  draftLocked: 'Phiếu này đang được mở ở một thẻ khác. Hãy đóng thẻ kia để tiếp tục ở đây.',
  storageError: 'Không lưu được trên máy (bộ nhớ đầy?)',
  saving: 'Đang lưu…',
  savedHere: 'Đã lưu trên máy này',
};

export type RespondentText = typeof respondentVi;

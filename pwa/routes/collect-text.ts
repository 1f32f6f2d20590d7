import { lang } from '../lib/i18n';

/** Field-staff words about which units a form covers and why a response was refused; Vietnamese first. */
const TYPES_VI: Record<string, string> = { so: 'sở, ban, ngành', huyen: 'cấp huyện', xa: 'cấp xã' };
const TYPES_EN: Record<string, string> = { so: 'agency', huyen: 'district', xa: 'commune' };

const vi = {
  crossUnits: (n: number) => `Phiếu đánh giá chéo: người được phỏng vấn đánh giá lần lượt ${n} đơn vị sau.`,
  noUnits: (type: string) =>
    `Anh/chị chưa được phân công đơn vị ${TYPES_VI[type] ?? type} nào, nên chưa thể phỏng vấn bằng phiếu này. Đề nghị quản trị viên phân công đơn vị, rồi bấm "Tải về để dùng ngoại tuyến".`,
  draftNoUnits:
    'Phiếu đánh giá chéo này không có đơn vị nào để đánh giá nên không thể hoàn thành. Hãy hủy phiếu, đề nghị quản trị viên phân công đơn vị, tải về lại rồi bắt đầu phiếu mới.',
  refused: {
    'sync.invalid_response': 'Phiếu chưa hợp lệ',
    'sync.unit_out_of_scope': 'Đơn vị chưa được phân công',
    'sync.unknown_questionnaire': 'Phiếu điều tra không còn trong đợt khảo sát',
    'sync.completed_after_closing': 'Phiếu hoàn thành sau khi đợt khảo sát bắt đầu đóng',
    'sync.conflict': 'Trùng mã phiếu với một phiếu khác',
    'campaign.not_open': 'Đợt khảo sát không nhận phiếu',
    'campaign.closed': 'Đợt khảo sát đã đóng',
    'auth.forbidden': 'Tài khoản không được gửi phiếu',
    'invitation.scope': 'Mã mời không dùng cho phiếu này',
  } as Record<string, string>,
  refusedOther: 'Máy chủ không nhận phiếu',
  technical: 'mã lỗi',
};
type Text = typeof vi;
const en: Text = {
  crossUnits: (n: number) => `Cross-evaluation form: the interviewee rates these ${n} units in turn.`,
  noUnits: (type: string) => `You have no ${TYPES_EN[type] ?? type} units assigned, so this form cannot be used yet. Ask the administrator to assign units, then press "Download for offline use".`,
  draftNoUnits: 'This cross-evaluation form has no unit to rate and cannot be completed. Discard it, ask the administrator to assign units, download again and start a new form.',
  refused: {
    'sync.invalid_response': 'The form is not valid',
    'sync.unit_out_of_scope': 'Unit not assigned to you',
    'sync.unknown_questionnaire': 'The questionnaire is no longer in the campaign',
    'sync.completed_after_closing': 'Completed after the campaign started closing',
    'sync.conflict': 'Same form id as another form',
    'campaign.not_open': 'The campaign does not accept forms',
    'campaign.closed': 'The campaign is closed',
    'auth.forbidden': 'This account may not send forms',
    'invitation.scope': 'The invitation code is not for this form',
  },
  refusedOther: 'The server refused the form',
  technical: 'code',
};
export const ft = (): Text => (lang() === 'en' ? en : vi);

import { lang } from '../lib/i18n';

/** Words of the code-entry screen of `/` (and its staff login link), in its own chunk; Vietnamese first. */
const vi = {
  homeTitle: 'Khảo sát chỉ số cải cách hành chính',
  homeLead: 'Nhập mã mời in trên phiếu hoặc trong tin nhắn anh/chị nhận được.',
  codeLabel: 'Mã mời',
  staffLogin: 'Cán bộ đăng nhập',
};
type Text = typeof vi;
const en: Text = {
  homeTitle: 'Public Administration Reform Index survey',
  homeLead: 'Type the invitation code printed on your slip or in the message you received.',
  codeLabel: 'Invitation code',
  staffLogin: 'Staff login',
};
export const ht = (): Text => (lang() === 'en' ? en : vi);

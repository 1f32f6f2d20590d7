import { lang } from '../lib/i18n';

/** Words of the update prompt, loaded once the page is idle; Vietnamese first. */
const vi = {
  updateReady: 'Đã có phiên bản mới. Dữ liệu trên máy được giữ nguyên.',
  updateNow: 'Cập nhật',
  later: 'Để sau',
};
type Text = typeof vi;
const en: Text = {
  updateReady: 'A new version is available. Data on this device is kept.',
  updateNow: 'Update',
  later: 'Later',
};
export const upt = (): Text => (lang() === 'en' ? en : vi);

import { lang } from '../lib/i18n';

/** Words of the "sent" screen and the outbox's send state, loaded after the first question; Vietnamese first. */
const vi = {
  thanks: 'Cảm ơn anh/chị đã tham gia khảo sát!',
  sentOk: 'Đã gửi tới máy chủ',
  pending: 'Đang chờ gửi — chưa tới máy chủ',
  pendingHint: 'Phiếu đã lưu trên máy và sẽ tự gửi khi có mạng. Đừng xoá dữ liệu trình duyệt.',
  rejected: 'Máy chủ từ chối phiếu',
  sendNow: 'Gửi ngay',
  syncing: 'Đang đồng bộ…',
};
type Text = typeof vi;
const en: Text = {
  thanks: 'Thank you for taking part!',
  sentOk: 'Delivered to the server',
  pending: 'Waiting to send — not yet on the server',
  pendingHint: 'Saved on this device; it will be sent automatically when there is a connection. Do not clear browser data.',
  rejected: 'The server refused this response',
  sendNow: 'Send now',
  syncing: 'Syncing…',
};
export const sst = (): Text => (lang() === 'en' ? en : vi);

import { lang } from '../lib/i18n';

/** Words of the account page (own password, log out), for every staff role; Vietnamese first. */
const vi = {
  title: 'Tài khoản của tôi',
  signedInAs: (u: string, role: string) => `Đang đăng nhập: ${u} (${role})`,
  roles: { admin: 'quản trị viên', analyst: 'cán bộ phân tích', collector: 'điều tra viên' } as Record<string, string>,
  mustChange: 'Anh/chị đang dùng mật khẩu được cấp (in ra khi khởi động máy chủ hoặc do quản trị viên đặt lại). Vui lòng đổi sang mật khẩu riêng trước khi làm việc.',
  changeTitle: 'Đổi mật khẩu',
  current: 'Mật khẩu hiện tại',
  next: 'Mật khẩu mới (ít nhất 8 ký tự)',
  repeat: 'Nhập lại mật khẩu mới',
  mismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
  change: 'Đổi mật khẩu',
  changed: 'Đã đổi mật khẩu.',
  needNet: 'Cần kết nối mạng để đổi mật khẩu.',
  goOn: 'Tiếp tục làm việc',
  logout: 'Đăng xuất',
  logoutNote: 'Đăng xuất không xóa các phiếu đang chờ gửi trên máy này.',
  notLoggedIn: 'Chưa đăng nhập.',
  login: 'Đăng nhập',
};
type Text = typeof vi;
const en: Text = {
  title: 'My account',
  signedInAs: (u: string, role: string) => `Logged in as ${u} (${role})`,
  roles: { admin: 'administrator', analyst: 'analyst', collector: 'field collector' },
  mustChange: 'You are using a password you were given (printed at server start-up or set by an administrator). Please change it to your own before working.',
  changeTitle: 'Change password',
  current: 'Current password',
  next: 'New password (at least 8 characters)',
  repeat: 'New password again',
  mismatch: 'The two new passwords differ.',
  change: 'Change password',
  changed: 'Password changed.',
  needNet: 'A connection is needed to change the password.',
  goOn: 'Continue',
  logout: 'Log out',
  logoutNote: 'Logging out keeps the responses waiting to be sent on this device.',
  notLoggedIn: 'Not logged in.',
  login: 'Log in',
};
export const at = (): Text => (lang() === 'en' ? en : vi);

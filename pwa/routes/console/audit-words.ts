import { lang } from '../../lib/i18n';

/**
 * Audit actions in words. Actions are stable dotted verbs (server/services/audit.ts); one not
 * listed here is shown as its code, so a new action is never hidden.
 */
const vi: Record<string, string> = {
  'user.create': 'Tạo tài khoản',
  'user.disable': 'Khóa tài khoản',
  'user.enable': 'Mở khóa tài khoản',
  'user.password_reset': 'Đặt lại mật khẩu',
  'user.password_change': 'Tự đổi mật khẩu',
  'auth.refresh_reuse': 'Mã làm mới bị dùng lại: đã thu hồi phiên đăng nhập',
  'invitations.issue': 'Phát mã mời',
  'invitations.void': 'Hủy mã mời chưa dùng',
  'collectors.assign': 'Phân công điều tra viên',
  'campaign.create': 'Tạo đợt khảo sát',
  'campaign.copy': 'Sao chép đợt khảo sát',
  'campaign.update': 'Sửa đợt khảo sát',
  'campaign.status': 'Đổi trạng thái đợt khảo sát',
  'campaign.questionnaire': 'Đổi phiên bản phiếu của đợt',
  'units.import': 'Nhập danh sách đơn vị',
  'index.import': 'Nhập cây tiêu chí',
  'quotas.import': 'Nhập chỉ tiêu mẫu',
  'quotas.update': 'Sửa chỉ tiêu mẫu',
  'questionnaire.publish': 'Công bố phiếu điều tra',
  'questionnaire.import': 'Nhập phiếu điều tra (XLSForm)',
};

const en: Record<string, string> = {
  'user.create': 'Account created',
  'user.disable': 'Account disabled',
  'user.enable': 'Account re-enabled',
  'user.password_reset': 'Password reset',
  'user.password_change': 'Own password changed',
  'auth.refresh_reuse': 'Refresh token reused: login revoked',
  'invitations.issue': 'Invitation codes issued',
  'invitations.void': 'Unused codes voided',
  'collectors.assign': 'Collector assigned',
  'campaign.create': 'Campaign created',
  'campaign.copy': 'Campaign copied',
  'campaign.update': 'Campaign edited',
  'campaign.status': 'Campaign status changed',
  'campaign.questionnaire': 'Campaign questionnaire version changed',
  'units.import': 'Units imported',
  'index.import': 'Index tree imported',
  'quotas.import': 'Quotas imported',
  'quotas.update': 'Quotas edited',
  'questionnaire.publish': 'Questionnaire published',
  'questionnaire.import': 'Questionnaire imported (XLSForm)',
};

export const actionWords = (action: string): string => (lang() === 'en' ? en : vi)[action] ?? action;

/** Detail as "key: value" pairs; it never holds a code, an answer or a password. */
export const detailWords = (detail: Record<string, string | number | boolean | null>): string =>
  Object.entries(detail)
    .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`)
    .join(' · ');

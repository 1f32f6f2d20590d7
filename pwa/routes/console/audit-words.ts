import { lang } from '../../lib/i18n';

/**
 * Audit actions in words. Actions are stable dotted verbs (server/services/audit.ts); one not
 * listed here is shown as its code, so a new action is never hidden
 * (pwa/test/audit-words.test.ts checks every action the server records is listed).
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
  'campaign.update': 'Sửa đợt khảo sát',
  'campaign.status': 'Đổi trạng thái đợt khảo sát',
  'campaign.group.add': 'Thêm nhóm đối tượng',
  'campaign.group.edit': 'Sửa nhóm đối tượng',
  'campaign.group.remove': 'Xóa nhóm đối tượng',
  'campaign.units.import': 'Nhập danh sách đơn vị',
  'campaign.index.import': 'Nhập bộ chỉ số',
  'campaign.questionnaire.choose': 'Chọn phiếu cho nhóm',
  'campaign.questionnaire.clear': 'Bỏ phiếu của nhóm',
  'campaign.quotas.bulk': 'Đặt chỉ tiêu hàng loạt',
  'campaign.quotas.import': 'Nhập chỉ tiêu từ bảng tính',
  'campaign.quota.set': 'Sửa chỉ tiêu một đơn vị',
  'questionnaire.publish': 'Công bố phiếu điều tra',
  'response.exclude': 'Loại phiếu khỏi tính điểm',
  'response.restore': 'Khôi phục phiếu vào tính điểm',
  'scores.publish': 'Công bố phiên bản điểm',
  'integration_token.issue': 'Cấp mã tích hợp',
  'integration_token.revoke': 'Thu hồi mã tích hợp',
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
  'campaign.update': 'Campaign edited',
  'campaign.status': 'Campaign status changed',
  'campaign.group.add': 'Group added',
  'campaign.group.edit': 'Group edited',
  'campaign.group.remove': 'Group removed',
  'campaign.units.import': 'Units imported',
  'campaign.index.import': 'Index imported',
  'campaign.questionnaire.choose': 'Questionnaire chosen for a group',
  'campaign.questionnaire.clear': 'Questionnaire removed from a group',
  'campaign.quotas.bulk': 'Quotas set in bulk',
  'campaign.quotas.import': 'Quotas imported',
  'campaign.quota.set': 'One quota edited',
  'questionnaire.publish': 'Questionnaire published',
  'response.exclude': 'Response excluded from scoring',
  'response.restore': 'Response restored to scoring',
  'scores.publish': 'Scores version published',
  'integration_token.issue': 'Integration token issued',
  'integration_token.revoke': 'Integration token revoked',
};

/** Both languages, for the test that every recorded action has words. */
export const ACTION_WORDS = { vi, en };

export const actionWords = (action: string): string => (lang() === 'en' ? en : vi)[action] ?? action;

/** Detail as "key: value" pairs; it never holds a code, an answer or a password. */
export const detailWords = (detail: Record<string, string | number | boolean | null>): string =>
  Object.entries(detail)
    .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`)
    .join(' · ');

import type { FieldError, ProblemBody } from '../survey-forms/src/api';

/**
 * THE error catalogue (docs/ARCHITECTURE.md §4 errors). Every problem+json the API sends has a code
 * from here; domain code throws `AppError` with a code, never an HTTP status of its own.
 * Per-item sync results reuse these codes in their `code` field.
 */
export const CATALOGUE = {
  'validation.failed': { status: 400, title: 'Dữ liệu gửi lên không hợp lệ (invalid request)' },
  'request.malformed_json': { status: 400, title: 'Nội dung không phải JSON hợp lệ (malformed JSON)' },
  'request.unsupported_media_type': { status: 415, title: 'Kiểu nội dung không được hỗ trợ (unsupported media type)' },
  'request.too_large': { status: 413, title: 'Yêu cầu quá lớn (request too large)' },
  'request.rate_limited': { status: 429, title: 'Quá nhiều yêu cầu, vui lòng thử lại sau (rate limited)' },
  'request.bad_url': { status: 400, title: 'Địa chỉ (URL) không hợp lệ (malformed URL)' },
  'request.uri_too_long': { status: 414, title: 'Địa chỉ (URL) quá dài (URI too long)' },
  'request.timeout': { status: 408, title: 'Yêu cầu gửi quá chậm (request timeout)' },
  'request.headers_too_large': { status: 431, title: 'Phần đầu yêu cầu quá lớn (request headers too large)' },
  'route.not_found': { status: 404, title: 'Không tìm thấy địa chỉ (no such route)' },
  'auth.invalid_credentials': { status: 401, title: 'Sai tên đăng nhập hoặc mật khẩu (wrong username or password)' },
  'auth.required': { status: 401, title: 'Cần đăng nhập (authentication required)' },
  'auth.token_invalid': { status: 401, title: 'Phiên đăng nhập không hợp lệ hoặc đã bị thu hồi (invalid or revoked token)' },
  'auth.token_expired': { status: 401, title: 'Mã truy cập đã hết hạn; hãy gia hạn bằng mã làm mới (access token expired: use the refresh token)' },
  'auth.refresh_invalid': { status: 401, title: 'Phiên đăng nhập đã hết hạn hoặc bị thu hồi; hãy đăng nhập lại (refresh token invalid, expired or revoked)' },
  'auth.forbidden': { status: 403, title: 'Không có quyền thực hiện (forbidden)' },
  'user.exists': { status: 409, title: 'Tên đăng nhập đã tồn tại (username taken)' },
  'user.not_found': { status: 404, title: 'Không tìm thấy người dùng (no such user)' },
  'user.wrong_password': { status: 403, title: 'Mật khẩu hiện tại không đúng (current password is wrong)' },
  'user.same_password': { status: 400, title: 'Mật khẩu mới phải khác mật khẩu hiện tại (the new password must differ)' },
  'user.not_collector': { status: 409, title: 'Người dùng không phải điều tra viên (user is not a collector)' },
  'definition.invalid': { status: 422, title: 'Định nghĩa không hợp lệ (invalid definition)' },
  'spreadsheet.invalid': { status: 422, title: 'Bảng tính có dòng không hợp lệ (the spreadsheet has invalid rows)' },
  'spreadsheet.unreadable': { status: 400, title: 'Không đọc được tệp bảng tính (not a readable XLSX workbook)' },
  'campaign.incomplete': { status: 422, title: 'Đợt khảo sát chưa đủ điều kiện để mở (campaign is not complete)' },
  'campaign.not_found': { status: 404, title: 'Không tìm thấy đợt khảo sát (no such campaign)' },
  'campaign.invalid_transition': { status: 409, title: 'Không thể chuyển trạng thái đợt khảo sát (invalid status change)' },
  'campaign.frozen': { status: 409, title: 'Phần này của đợt khảo sát không còn sửa được (frozen once the campaign opened)' },
  'group.exists': { status: 409, title: 'Mã nhóm đã có trong đợt khảo sát (group code taken)' },
  'group.not_found': { status: 404, title: 'Không tìm thấy nhóm đối tượng (no such group)' },
  'campaign.not_open': { status: 409, title: 'Đợt khảo sát không nhận phiếu (campaign not accepting responses)' },
  'campaign.closed': { status: 409, title: 'Đợt khảo sát đã đóng (campaign closed)' },
  'unit.not_found': { status: 404, title: 'Không tìm thấy đơn vị (no such unit)' },
  'response.not_found': { status: 404, title: 'Không tìm thấy phiếu trả lời (no such response)' },
  'publication.not_found': { status: 404, title: 'Không tìm thấy phiên bản công bố (no such published version)' },
  'integration_token.not_found': { status: 404, title: 'Không tìm thấy mã tích hợp (no such integration token)' },
  'criterion.not_found': { status: 404, title: 'Không tìm thấy tiêu chí (no such criterion)' },
  'questionnaire.not_found': { status: 404, title: 'Không tìm thấy phiếu điều tra (no such questionnaire)' },
  'questionnaire.version_exists': { status: 409, title: 'Phiên bản phiếu đã được công bố, không thể sửa (published versions are immutable)' },
  'invitation.not_found': { status: 404, title: 'Mã mời không tồn tại hoặc đã bị hủy (unknown or voided invitation code)' },
  'invitation.campaign_closed': { status: 410, title: 'Đợt khảo sát đã kết thúc, không nhận thêm phiếu (the survey has closed)' },
  'invitation.batch_not_found': { status: 404, title: 'Không tìm thấy đợt phát mã mời (no such invitation batch)' },
  'invitation.used': { status: 410, title: 'Mã mời đã được sử dụng (invitation code already used)' },
  'invitation.scope': { status: 403, title: 'Mã mời không áp dụng cho nội dung này (outside the invitation scope)' },
  'sync.conflict': { status: 409, title: 'Phiếu đã được lưu với nội dung khác (same id, different content)' },
  'sync.invalid_response': { status: 422, title: 'Phiếu không hợp lệ (invalid response)' },
  'sync.unknown_questionnaire': { status: 422, title: 'Phiếu điều tra hoặc phiên bản không tồn tại (unknown questionnaire version)' },
  'sync.unit_out_of_scope': { status: 403, title: 'Đơn vị nằm ngoài phạm vi (unit outside scope)' },
  'sync.completed_after_closing': { status: 409, title: 'Phiếu hoàn thành sau khi đợt khảo sát bắt đầu đóng (completed after closing)' },
  'db.conflict': { status: 409, title: 'Dữ liệu trùng lặp (conflicting data)' },
  'db.invalid_value': { status: 400, title: 'Giá trị không hợp lệ cho cơ sở dữ liệu (invalid value)' },
  'server.unavailable': { status: 503, title: 'Máy chủ tạm thời không sẵn sàng (temporarily unavailable)' },
  'server.internal': { status: 500, title: 'Lỗi máy chủ (internal error)' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof CATALOGUE;

// The error shapes are defined once, with the problem body, in survey-forms (docs/API.md).
export type { FieldError, PathError, SheetError } from '../survey-forms/src/api';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  constructor(code: ErrorCode, detail?: string, errors?: FieldError[]) {
    super(detail ?? CATALOGUE[code].title);
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
  }
  get status(): number {
    return CATALOGUE[this.code].status;
  }
}

/** 429 request.rate_limited with how long to wait: the error handler sends it as Retry-After. */
export class RateLimitedError extends AppError {
  readonly retryAfter: number;
  constructor(seconds: number) {
    const wait = Math.max(1, Math.ceil(seconds));
    super('request.rate_limited', `Thử lại sau ${wait} giây (retry after ${wait} s)`);
    this.retryAfter = wait;
  }
}

/** The problem body of a catalogue code (docs/API.md §1 conventions; its shape: ProblemBody in survey-forms/src/api.ts). */
export type CatalogueProblem = ProblemBody & { code: ErrorCode };

export function problemOf(code: ErrorCode, detail?: string, errors?: FieldError[]): CatalogueProblem {
  const entry = CATALOGUE[code];
  return {
    type: `https://par-survey.gov.vn/problems/${code}`,
    title: entry.title,
    status: entry.status,
    code,
    detail: detail ?? entry.title,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Formats zod-style issue paths as "a.b.0.c". */
export function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

import { createSignal } from 'solid-js';

/**
 * Interface text, Vietnamese first with English available. Questionnaire content is data
 * (Vietnamese) and is not translated here. The choice is remembered per device.
 */
export type Lang = 'vi' | 'en';

const vi = {
  appName: 'Khảo sát CCHC',
  switchLang: 'English',
  loading: 'Đang tải…',
  offline: 'Đang ngoại tuyến — câu trả lời vẫn được lưu trên máy',
  homeTitle: 'Khảo sát chỉ số cải cách hành chính',
  homeLead: 'Nhập mã mời in trên phiếu hoặc trong tin nhắn bạn nhận được.',
  codeLabel: 'Mã mời',
  open: 'Mở phiếu',
  staffLogin: 'Điều tra viên đăng nhập',
  codeUnknown: 'Mã mời không tồn tại. Vui lòng kiểm tra lại.',
  codeUsed: 'Mã mời này đã được sử dụng.',
  codeNeedsNet: 'Cần kết nối mạng để mở phiếu lần đầu. Vui lòng thử lại khi có sóng.',
  loadFailed: 'Không tải được phiếu. Vui lòng thử lại.',
  retry: 'Thử lại',
  organizer: 'Đơn vị tổ chức',
  purpose: 'Mục đích',
  duration: (m: number) => `Thời gian trả lời: khoảng ${m} phút`,
  closes: (d: string) => `Hạn trả lời: ${d}`,
  anonymity: 'Phiếu khảo sát ẩn danh: câu trả lời không gắn với tên, mã mời hay thiết bị của bạn. Không ai biết bạn đã trả lời gì.',
  savedOnDevice: 'Mỗi câu trả lời được lưu ngay trên máy này; bạn có thể đóng và mở lại đường dẫn để làm tiếp.',
  start: 'Bắt đầu',
  resume: 'Làm tiếp',
  section: (i: number, n: number) => `Phần ${i}/${n}`,
  next: 'Tiếp',
  back: 'Quay lại',
  submit: 'Gửi phiếu',
  required: 'Bắt buộc',
  missing: 'Vui lòng trả lời câu hỏi này',
  missingCells: (n: number) => `Còn ${n} ô chưa trả lời`,
  fillColumn: 'Điền cả cột',
  fillColumnHint: 'Chọn một mức cho tất cả đơn vị, sau đó có thể sửa từng ô.',
  legend: 'Chú thích',
  numberPlaceholder: 'Nhập số',
  thanks: 'Cảm ơn bạn đã tham gia khảo sát!',
  sentOk: 'Đã gửi tới máy chủ',
  pending: 'Đang chờ gửi — chưa tới máy chủ',
  pendingHint: 'Phiếu đã lưu trên máy và sẽ tự gửi khi có mạng. Đừng xoá dữ liệu trình duyệt.',
  rejected: 'Máy chủ từ chối phiếu',
  sendNow: 'Gửi ngay',
  draftLocked: 'Phiếu này đang được mở ở một thẻ khác. Hãy đóng thẻ kia để tiếp tục ở đây.',
  updateReady: 'Đã có phiên bản mới. Dữ liệu trên máy được giữ nguyên.',
  updateNow: 'Cập nhật',
  later: 'Để sau',
  storageError: 'Không lưu được trên máy (bộ nhớ đầy?)',
  saving: 'Đang lưu…',
  savedHere: 'Đã lưu trên máy này',
  // staff
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  login: 'Đăng nhập',
  logout: 'Đăng xuất',
  loginFailed: 'Sai tên đăng nhập hoặc mật khẩu',
  loginNeedsNet: 'Cần kết nối mạng để đăng nhập',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Các phiếu vẫn được giữ; hãy đăng nhập lại để gửi.',
  notLoggedIn: 'Chưa đăng nhập. Các phiếu trên máy vẫn được giữ.',
  campaigns: 'Đợt khảo sát',
  download: 'Tải về để dùng ngoại tuyến',
  downloaded: (t: string) => `Đã tải về lúc ${t}`,
  noCampaigns: 'Chưa tải đợt khảo sát nào. Cần mạng để tải.',
  newInterview: 'Phỏng vấn mới',
  newPaper: 'Nhập phiếu giấy',
  group: 'Nhóm đối tượng',
  unit: 'Đơn vị',
  questionnaire: 'Phiếu',
  startInterview: 'Bắt đầu phiếu',
  drafts: 'Phiếu đang làm',
  noDrafts: 'Không có phiếu đang làm.',
  outbox: 'Hộp thư đi',
  syncNow: 'Đồng bộ ngay',
  syncing: 'Đang đồng bộ…',
  lastSync: (t: string) => `Lần đồng bộ gần nhất: ${t}`,
  nextTry: (s: number) => `Thử lại sau ${s} giây`,
  st_draft: 'Đang làm',
  st_queued: 'Chờ gửi',
  st_sent: 'Đã gửi',
  st_rejected: 'Bị từ chối',
  exportQueue: 'Xuất hàng đợi ra tệp',
  importQueue: 'Nhập hàng đợi từ tệp',
  imported: (n: number) => `Đã nhập ${n} phiếu`,
  importFailed: 'Tệp không hợp lệ',
  persistDenied: 'Trình duyệt chưa cho phép lưu trữ bền vững: dữ liệu có thể bị xoá khi máy thiếu bộ nhớ. Hãy đồng bộ thường xuyên hoặc cài ứng dụng vào màn hình chính.',
  paperFirst: 'Nhập lần 1',
  paperSecond: 'Nhập lần 2 (nhập lại từ phiếu giấy, không xem lần 1)',
  paperCompare: 'So sánh hai lần nhập',
  paperMismatch: (n: number) => `${n} chỗ khác nhau — chọn giá trị đúng theo phiếu giấy`,
  paperSame: 'Hai lần nhập khớp nhau',
  paperUnresolved: (n: number) => `Còn ${n} chỗ chưa chọn`,
  paperIncomplete: 'Phiếu sau khi đối chiếu còn thiếu hoặc sai các câu sau; quay lại lần nhập 2 để sửa theo phiếu giấy:',
  first: 'Lần 1',
  second: 'Lần 2',
  queue: 'Đưa vào hàng đợi gửi',
  blank: '(trống)',
  reason: 'Lý do',
  started: 'Bắt đầu',
  pause: 'Tạm dừng',
  discard: 'Xoá phiếu nháp',
  confirmDiscard: 'Xoá phiếu nháp này?',
  home: 'Trang chủ',
  channel_interview: 'Phỏng vấn',
  channel_paper: 'Phiếu giấy',
  channel_self: 'Tự trả lời',
};

export type Dict = typeof vi;

const en: Dict = {
  appName: 'PAR survey',
  switchLang: 'Tiếng Việt',
  loading: 'Loading…',
  offline: 'Offline — your answers are still saved on this device',
  homeTitle: 'Public Administration Reform Index survey',
  homeLead: 'Type the invitation code printed on your slip or in the message you received.',
  codeLabel: 'Invitation code',
  open: 'Open the form',
  staffLogin: 'Field staff login',
  codeUnknown: 'This invitation code does not exist. Please check it.',
  codeUsed: 'This invitation code has already been used.',
  codeNeedsNet: 'A connection is needed to open the form the first time. Please try again with signal.',
  loadFailed: 'Could not load the form. Please try again.',
  retry: 'Try again',
  organizer: 'Run by',
  purpose: 'Purpose',
  duration: (m: number) => `Takes about ${m} minutes`,
  closes: (d: string) => `Answer by ${d}`,
  anonymity: 'This survey is anonymous: your answers are not linked to your name, your code or your device. Nobody can tell what you answered.',
  savedOnDevice: 'Every answer is saved on this device at once; you can close the page and reopen the link to continue.',
  start: 'Start',
  resume: 'Continue',
  section: (i: number, n: number) => `Part ${i} of ${n}`,
  next: 'Next',
  back: 'Back',
  submit: 'Submit',
  required: 'Required',
  missing: 'Please answer this question',
  missingCells: (n: number) => `${n} cells still unanswered`,
  fillColumn: 'Fill the column',
  fillColumnHint: 'Pick one level for every unit, then change single cells if needed.',
  legend: 'Key',
  numberPlaceholder: 'Enter a number',
  thanks: 'Thank you for taking part!',
  sentOk: 'Delivered to the server',
  pending: 'Waiting to send — not yet on the server',
  pendingHint: 'Saved on this device; it will be sent automatically when there is a connection. Do not clear browser data.',
  rejected: 'The server refused this response',
  sendNow: 'Send now',
  draftLocked: 'This form is open in another tab. Close that tab to continue here.',
  updateReady: 'A new version is available. Data on this device is kept.',
  updateNow: 'Update',
  later: 'Later',
  storageError: 'Could not save on this device (storage full?)',
  saving: 'Saving…',
  savedHere: 'Saved on this device',
  username: 'Username',
  password: 'Password',
  login: 'Log in',
  logout: 'Log out',
  loginFailed: 'Wrong username or password',
  loginNeedsNet: 'A connection is needed to log in',
  sessionExpired: 'Your login has expired. Responses are kept; log in again to send them.',
  notLoggedIn: 'Not logged in. Responses on this device are kept.',
  campaigns: 'Campaigns',
  download: 'Download for offline use',
  downloaded: (t: string) => `Downloaded at ${t}`,
  noCampaigns: 'No campaign downloaded yet. A connection is needed to download.',
  newInterview: 'New interview',
  newPaper: 'Key a paper form',
  group: 'Respondent group',
  unit: 'Unit',
  questionnaire: 'Questionnaire',
  startInterview: 'Start the form',
  drafts: 'Forms in progress',
  noDrafts: 'No forms in progress.',
  outbox: 'Outbox',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  lastSync: (t: string) => `Last sync: ${t}`,
  nextTry: (s: number) => `Retrying in ${s} s`,
  st_draft: 'In progress',
  st_queued: 'Queued',
  st_sent: 'Sent',
  st_rejected: 'Rejected',
  exportQueue: 'Export the queue to a file',
  importQueue: 'Import a queue file',
  imported: (n: number) => `Imported ${n} responses`,
  importFailed: 'Invalid file',
  persistDenied: 'The browser refused persistent storage: data may be cleared when the phone runs low on space. Sync often or install the app to the home screen.',
  paperFirst: 'First keying',
  paperSecond: 'Second keying (key the paper form again without looking at the first)',
  paperCompare: 'Compare the two keyings',
  paperMismatch: (n: number) => `${n} differences — pick the value on the paper form`,
  paperSame: 'Both keyings match',
  paperUnresolved: (n: number) => `${n} still to decide`,
  paperIncomplete: 'After the comparison these questions are missing or invalid; go back to the second keying to fix them from the paper form:',
  first: 'First',
  second: 'Second',
  queue: 'Queue for sending',
  blank: '(blank)',
  reason: 'Reason',
  started: 'Started',
  pause: 'Pause',
  discard: 'Delete draft',
  confirmDiscard: 'Delete this draft?',
  home: 'Home',
  channel_interview: 'Interview',
  channel_paper: 'Paper form',
  channel_self: 'Self-answered',
};

const DICTS: Record<Lang, Dict> = { vi, en };
const STORAGE_KEY = 'par-lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const [lang, setLangSignal] = createSignal<Lang>(typeof localStorage === 'undefined' ? 'vi' : initialLang());

export { lang };

/** The current dictionary; reactive, so text switches in place when the language changes. */
export function t(): Dict {
  return DICTS[lang()];
}

export function toggleLang(): void {
  const next: Lang = lang() === 'vi' ? 'en' : 'vi';
  setLangSignal(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Local date and time as Vietnamese (and British) readers write it: "23/11/2026 18:40". */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

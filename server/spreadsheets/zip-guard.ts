/**
 * A look at an uploaded workbook's zip directory before any of it is inflated: an XLSX is a
 * zip, and a small zip can claim gigabytes. Both uploads of workbooks (list imports in
 * read-table.ts, XLSForm questionnaires in services/xlsform) pass through here before exceljs.
 */
const MAX_ENTRIES = 2000;
/** The most an XLSX archive may unpack to: a 5 MB upload of real lists or forms is far below this. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export interface ZipProblem {
  /** `too_large`: a real archive that would unpack to too much; `not_xlsx`: not a readable zip. */
  kind: 'not_xlsx' | 'too_large';
  /** In Vietnamese, for the person who uploaded it. */
  reason: string;
}

/** Why the bytes must be refused before inflating them, or null when exceljs may read them. */
export function zipProblem(bytes: Buffer): ZipProblem | null {
  const notXlsx = (reason: string): ZipProblem => ({ kind: 'not_xlsx', reason });
  const tooLarge = (reason: string): ZipProblem => ({ kind: 'too_large', reason });
  if (bytes.length === 0) return notXlsx('Tệp rỗng');
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return notXlsx('Tệp không phải bảng tính Excel (.xlsx)');
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notXlsx('Tệp .xlsx bị hỏng (không đọc được mục lục nén)');
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) return tooLarge('Tệp .xlsx quá lớn (định dạng ZIP64 không được hỗ trợ)');
  if (entries > MAX_ENTRIES) return tooLarge(`Tệp .xlsx có quá nhiều thành phần (${entries})`);
  let at = dirOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return notXlsx('Tệp .xlsx bị hỏng (mục lục nén sai)');
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return tooLarge('Tệp .xlsx quá lớn (định dạng ZIP64 không được hỗ trợ)');
    total += size;
    if (total > MAX_UNZIPPED_BYTES) return tooLarge(`Tệp .xlsx khi giải nén vượt quá ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return null;
}

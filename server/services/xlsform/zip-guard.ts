/**
 * A look at an uploaded workbook's zip directory before any of it is inflated: an XLSX is a
 * zip, and a small zip can claim gigabytes. Returns a Vietnamese reason to refuse, or null.
 */
const MAX_ENTRIES = 2000;
const MAX_UNCOMPRESSED = 60 * 1024 * 1024;

export function zipProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'Tệp rỗng';
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return 'Tệp không phải bảng tính Excel (.xlsx)';
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'Tệp .xlsx bị hỏng (không đọc được mục lục nén)';
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) return 'Tệp .xlsx quá lớn (định dạng ZIP64 không được hỗ trợ)';
  if (entries > MAX_ENTRIES) return `Tệp .xlsx có quá nhiều thành phần (${entries})`;
  let at = dirOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 'Tệp .xlsx bị hỏng (mục lục nén sai)';
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return 'Tệp .xlsx quá lớn (định dạng ZIP64 không được hỗ trợ)';
    total += size;
    if (total > MAX_UNCOMPRESSED) return `Tệp .xlsx khi giải nén vượt quá ${MAX_UNCOMPRESSED / 1024 / 1024} MB`;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return null;
}

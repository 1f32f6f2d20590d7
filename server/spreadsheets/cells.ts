import type { CellValue } from 'exceljs';

/**
 * What one XLSX cell says, as the text a person sees in Excel: rich text joined, a formula's
 * cached result, a hyperlink's text, a date as YYYY-MM-DD. Formula errors (#REF!, #N/A...)
 * are returned apart so the row can be refused with the cell named.
 */
export type CellText = { text: string } | { error: string };

export function cellText(value: CellValue): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return { text: Array.isArray(value.richText) ? value.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('') : '' };
  if ('hyperlink' in value) return { text: typeof value.text === 'string' ? value.text : String(value.hyperlink ?? '') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return { error: 'công thức chưa có giá trị (mở tệp trong Excel và lưu lại)' };
    return cellText(result);
  }
  return { text: '' };
}

/** The most an XLSX archive may unpack to: a 5 MB upload of real lists is far below this. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/**
 * Sums the uncompressed sizes the ZIP central directory declares, so a "zip bomb" is refused
 * before exceljs inflates it. Returns null when the bytes are not a ZIP archive at all.
 */
export function declaredUnzippedBytes(zip: Buffer): number | null {
  // End of central directory record: signature 0x06054b50, at most 64 KiB of comment after it.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) return null;
    total += zip.readUInt32LE(offset + 24);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return total;
}

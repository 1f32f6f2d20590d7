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

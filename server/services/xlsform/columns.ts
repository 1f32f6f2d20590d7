import type { SheetError } from '../../errors';
import type { Header, ReadSheet } from './sheet-reader';

/**
 * The columns of an XLSForm workbook as par-survey reads and writes them
 * (docs/SPREADSHEETS.md "XLSForm"): the ODK/KoboToolbox ones it maps, the PAR extension
 * columns, the harmless ones it ignores with a warning, and the ones it refuses because
 * dropping them would change what respondents see or what is stored.
 */
export const SHEETS = { survey: 'survey', choices: 'choices', settings: 'settings' } as const;
export const VI_LANG = 'Tiếng Việt (vi)';

export const SURVEY_COLUMNS = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'constraint', 'par_criterion', 'par_profile', 'par_per_unit', 'par_sipas'];
export const CHOICES_COLUMNS = ['list_name', 'name', 'label', 'par_weight', 'par_dont_know', 'par_satisfied'];
export const SETTINGS_COLUMNS = ['form_id', 'version', 'form_title', 'par_group', 'par_mode', 'par_unit_type', 'par_intro', 'par_minutes', 'default_language'];

/** Presentation or messages only: ignored, with a warning. */
const IGNORED = new Set(['appearance', 'constraint_message', 'required_message', 'guidance_hint', 'style', 'instance_name', 'submission_url', 'public_key', 'allow_choice_duplicates', 'name']);
/** Behaviour the model cannot hold: a value in these columns refuses the workbook. */
const REFUSED = new Set(['default', 'read_only', 'calculation', 'choice_filter', 'repeat_count', 'trigger', 'parameters', 'media', 'image', 'audio', 'video', 'big-image', 'body', 'instance', 'filter', 'or_other']);

function isVietnamese(lang: string): boolean {
  const l = lang.toLowerCase();
  return /\(\s*vi\s*\)$/.test(l) || l === 'vi' || l.includes('tiếng việt') || l.includes('vietnamese');
}

/**
 * The column holding the Vietnamese text for `base` (`label`, `hint`): `base::Tiếng Việt (vi)`
 * or, failing that, the plain `base`. Every other column of that base is another language.
 */
export function languageColumns(sheet: ReadSheet, base: string): { chosen: Header | undefined; others: Header[] } {
  const all = sheet.headers.filter((h) => h.base === base);
  const chosen = all.find((h) => h.lang !== undefined && isVietnamese(h.lang)) ?? all.find((h) => h.lang === undefined);
  return { chosen, others: all.filter((h) => h !== chosen) };
}

/** Checks the columns of a sheet: warns once per ignored or unknown column that has data, refuses every cell of a refused one. */
export function checkColumns(sheet: ReadSheet, known: readonly string[], errors: SheetError[], warnings: SheetError[]): void {
  for (const header of sheet.headers) {
    const used = sheet.rows.filter((r) => r.cells.has(header.written));
    if (used.length === 0) continue;
    const first = used[0]?.row ?? 1;
    const warn = (message: string) => warnings.push({ sheet: sheet.name, row: first, column: header.written, code: 'xlsform.ignored_column', message });
    if ((header.base === 'label' || header.base === 'hint') && known.includes(header.base)) {
      const { chosen } = languageColumns(sheet, header.base);
      if (header !== chosen) warn(`Cột "${header.written}" không được lưu: phiếu chỉ giữ nội dung tiếng Việt`);
      continue;
    }
    if (known.includes(header.base) && header.lang === undefined) continue;
    if (REFUSED.has(header.base)) {
      for (const r of used) {
        errors.push({ sheet: sheet.name, row: r.row, column: header.written, code: 'xlsform.unsupported_column', message: `Cột "${header.written}" không được hỗ trợ: hãy xóa nội dung ô này` });
      }
      continue;
    }
    if (IGNORED.has(header.base) || header.base.startsWith('$') || header.base.startsWith('_')) warn(`Cột "${header.written}" bị bỏ qua (chỉ ảnh hưởng cách trình bày)`);
    else warn(`Cột "${header.written}" không được hỗ trợ và bị bỏ qua`);
  }
}

/** yes/no cells as pyxform reads them; undefined when blank, null when not a yes/no. */
export function yesNo(text: string | undefined): boolean | undefined | null {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (['yes', 'true', 'true()', '1', 'có', 'co'].includes(t)) return true;
  if (['no', 'false', 'false()', '0', 'không', 'khong'].includes(t)) return false;
  return null;
}

/** A number cell; a decimal comma (Vietnamese Excel) is accepted. NaN when not a number. */
export function numberOf(text: string): number {
  const t = text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return t === '' ? Number.NaN : Number(t);
}

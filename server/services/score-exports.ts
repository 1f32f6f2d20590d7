import ExcelJS from 'exceljs';
import type { ScoresView } from '../../survey-forms/src';

/**
 * What the index software imports (docs/API.md §10 scores): one row per unit and
 * criterion with unit code, criterion code, points and max points, plus a sheet of unit totals.
 * Points are rounded to 4 decimals here only; the JSON API keeps full precision.
 */
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

export const CRITERIA_HEADER = ['unit_code', 'criterion_code', 'points', 'max_points', 'valid_answers', 'unit_name'] as const;

function criterionRows(scores: ScoresView): (string | number | null)[][] {
  return scores.units.flatMap((u) => u.criteria.map((c) => [u.code, c.criterionId, round4(c.points), round4(c.maxPoints), c.validAnswers, u.name]));
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted and quotes doubled. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark, so Excel opens Vietnamese names correctly; CRLF line ends as RFC 4180 says. */
export function scoresCsv(scores: ScoresView): string {
  const lines = [CRITERIA_HEADER.join(','), ...criterionRows(scores).map((row) => row.map(csvField).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function scoresXlsx(scores: ScoresView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'par-survey';
  const criteria = book.addWorksheet('Tiêu chí');
  criteria.addRow([...CRITERIA_HEADER]);
  for (const row of criterionRows(scores)) criteria.addRow(row);
  const totals = book.addWorksheet('Tổng hợp');
  totals.addRow(['unit_code', 'unit_name', 'type', 'respondents', 'points', 'max_points', 'percent', 'ci95_low', 'ci95_high', 'rank', 'not_distinguishable_from', 'flags']);
  const codeOf = new Map(scores.units.map((u) => [u.unitId, u.code]));
  for (const u of scores.units) {
    totals.addRow([
      u.code,
      u.name,
      u.type,
      u.respondents,
      round4(u.points),
      round4(u.maxPoints),
      round4(u.percent),
      round4(u.ci95?.[0] ?? null),
      round4(u.ci95?.[1] ?? null),
      u.rank,
      u.indistinguishableFrom.map((id) => codeOf.get(id) ?? id).join(', '),
      u.flags.map((f) => `${f.code}: ${f.detail}`).join('\n'),
    ]);
  }
  for (const sheet of [criteria, totals]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

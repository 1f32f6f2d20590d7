import ExcelJS from 'exceljs';
import { tableCsv } from '../spreadsheets/write-table';
import type { ScoringModel } from '../stats/campaign-scores';
import { flagText, formatCount, formatDay, formatInterval, realInterval, SIPAS_ELEMENTS, SIPAS_NAMES, type SatisfactionView, type ScoresView, UNIT_TYPE_NAMES } from '../../survey-forms/src';

/**
 * What the index software imports (docs/API.md §10 scores): one row per unit and
 * criterion with unit code, criterion code, points and max points, plus a sheet of unit totals.
 * Points are rounded to 4 decimals here only; the JSON API keeps full precision.
 */
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

const CRITERIA_HEADER = ['unit_code', 'criterion_code', 'points', 'max_points', 'valid_answers', 'unit_name'] as const;

function criterionRows(scores: ScoresView): (string | number | null)[][] {
  return scores.units.flatMap((u) => u.criteria.map((c) => [u.code, c.criterionId, round4(c.points), round4(c.maxPoints), c.validAnswers, u.name]));
}

/** UTF-8 with a byte-order mark and CRLF line ends, like every CSV this service writes (spreadsheets/write-table.ts). */
export function scoresCsv(scores: ScoresView): string {
  return tableCsv({ sheet: 'Tiêu chí', header: CRITERIA_HEADER, rows: criterionRows(scores) });
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

/** What the people's workbook names: criteria and groups by their names (codes beside them). */
export interface ReportLabels {
  campaignName: string;
  criteria: readonly { code: string; name: string }[];
  groupName: (code: string) => string | undefined;
  /** A published version's number and time, when the workbook is taken from one (docs/API.md §10 "Publishing"). */
  version?: { version: number; publishedAt: string };
}

/** The labels of a campaign's workbook for people, from its name and scoring model; `version` for a published one. */
export function reportLabels(campaignName: string, model: Pick<ScoringModel, 'criteria' | 'groupNames'>, version?: ReportLabels['version']): ReportLabels {
  return { campaignName, criteria: model.criteria, groupName: (code: string) => model.groupNames?.get(code), ...(version ? { version } : {}) };
}

/** The line under the title: how many responses the data review excluded (docs/SCORING.md "Excluded responses"). */
function excludedLine(excluded: number): string {
  return excluded > 0
    ? `Đã loại ${formatCount(excluded)} phiếu khi làm sạch số liệu: không con số nào trong tệp này tính các phiếu đó.`
    : 'Không có phiếu nào bị loại khi làm sạch số liệu.';
}

const PCT_FORMAT = '#,##0.0';
const POINTS_FORMAT = '#,##0.00';

/** The SIPAS sheet of a version published before SIPAS figures were frozen with it. */
const NO_FROZEN_SIPAS = 'Phiên bản này được công bố khi chưa lưu chỉ số hài lòng (SIPAS) kèm theo, nên không có số liệu SIPAS.';

/**
 * The workbook for people (docs/SPREADSHEETS.md "Scores for people"): Vietnamese headers,
 * units, criteria, groups and flags by name, flag sentences in Vietnamese only, units below a
 * quota minimum marked "chưa đủ số phiếu" with a provisional rank, no interval where there is
 * none, the responses excluded at data review (the campaign's under the title, each unit's in a
 * column), SIPAS indices. A published version's workbook takes them from the SIPAS view frozen
 * at publish; `satisfaction` null (a version published before migration 0008 froze none) keeps
 * the SIPAS sheet with one line saying so, and no SIPAS column, rather than today's figures.
 * Figures stay numbers (with a number format, so Excel writes them in the
 * reader's locale, 41,8 in a Vietnamese one); texts that carry figures use
 * survey-forms/src/number-format.ts. The index software's CSV/XLSX above keep their columns.
 */
export async function scoresReportXlsx(scores: ScoresView, labels: ReportLabels, satisfaction: SatisfactionView | null): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'par-survey';
  const criterionName = new Map(labels.criteria.map((c) => [c.code, c.name]));
  const names = { group: labels.groupName, criterion: (code: string) => criterionName.get(code) };
  const sipas = new Map((satisfaction?.units ?? []).map((s) => [s.unitId, s]));
  const byRank = [...scores.units].sort((a, b) => a.type.localeCompare(b.type) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));

  const ranking = book.addWorksheet('Xếp hạng');
  const title = labels.version
    ? `${labels.campaignName}: phiên bản công bố số ${labels.version.version}, ngày ${formatDay(labels.version.publishedAt)}`
    : labels.campaignName;
  ranking.addRow([title]).font = { bold: true, size: 13 };
  ranking.addRow([excludedLine(scores.excluded)]);
  ranking.addRow([
    'Loại đơn vị', 'Hạng', 'Ghi chú hạng', 'Tên đơn vị', 'Mã đơn vị', 'Số người trả lời', 'Phiếu bị loại', 'Điểm', 'Điểm tối đa', 'Điểm (%)',
    'Khoảng tin cậy 95%', 'Không phân biệt được với', ...(satisfaction ? ['Chỉ số hài lòng chung (%)'] : []), 'Cảnh báo',
  ]).font = { bold: true };
  const nameOf = new Map(scores.units.map((u) => [u.unitId, u.name]));
  for (const u of byRank) {
    const ci = realInterval(u);
    const rankNote = u.rank === null ? 'Chưa có điểm' : u.provisional ? 'Tạm tính: chưa đủ số phiếu' : '';
    const row = ranking.addRow([
      UNIT_TYPE_NAMES.vi[u.type] ?? u.type,
      u.rank,
      rankNote,
      u.name,
      u.code,
      u.respondents,
      u.excluded,
      u.points,
      u.maxPoints,
      u.percent,
      ci ? formatInterval(ci[0], ci[1]) : u.percent === null ? '' : 'Không có khoảng tin cậy',
      u.indistinguishableFrom.map((id) => nameOf.get(id) ?? id).join('; '),
      ...(satisfaction ? [sipas.get(u.unitId)?.overall ?? null] : []),
      u.flags.map((f) => (f.params ? flagText({ code: f.code, params: f.params }, 'vi', names) : f.detail)).join('\n'),
    ]);
    row.getCell(8).numFmt = POINTS_FORMAT;
    row.getCell(9).numFmt = POINTS_FORMAT;
    row.getCell(10).numFmt = PCT_FORMAT;
    if (satisfaction) row.getCell(13).numFmt = PCT_FORMAT;
  }

  const criteria = book.addWorksheet('Tiêu chí');
  criteria.addRow(['Tên đơn vị', 'Mã đơn vị', 'Tiêu chí', 'Mã tiêu chí', 'Điểm', 'Điểm tối đa', 'Số câu trả lời hợp lệ', 'Ghi chú']).font = { bold: true };
  for (const u of scores.units) {
    const withheld = new Set(u.flags.filter((f) => f.code === 'criteria.withheld').flatMap((f) => f.params?.criteria ?? []));
    for (const c of u.criteria) {
      const note = c.points !== null ? '' : withheld.has(c.criterionId) ? 'Ẩn (dưới 3 người trả lời)' : 'Thiếu dữ liệu';
      const row = criteria.addRow([u.name, u.code, criterionName.get(c.criterionId) ?? c.criterionId, c.criterionId, c.points, c.maxPoints, c.validAnswers, note]);
      row.getCell(5).numFmt = POINTS_FORMAT;
      row.getCell(6).numFmt = POINTS_FORMAT;
    }
  }

  const satisfied = book.addWorksheet('Hài lòng (SIPAS)');
  const sheets = [ranking, criteria, satisfied];
  if (!satisfaction) {
    satisfied.addRow([NO_FROZEN_SIPAS]);
  } else {
    satisfied.addRow(['Tên đơn vị', 'Mã đơn vị', ...SIPAS_ELEMENTS.map((e) => `${SIPAS_NAMES.vi[e] ?? e} (%)`), 'Chỉ số chung (%)']).font = { bold: true };
    for (const s of satisfaction.units) {
      if (s.elements.every((e) => e.validAnswers === 0)) continue;
      const row = satisfied.addRow([s.name, s.code, ...SIPAS_ELEMENTS.map((e) => s.elements.find((x) => x.element === e)?.percent ?? null), s.overall]);
      for (let i = 3; i <= SIPAS_ELEMENTS.length + 3; i++) row.getCell(i).numFmt = PCT_FORMAT;
    }
  }
  for (const sheet of sheets) {
    sheet.columns.forEach((col, i) => {
      col.width = i === 0 || (sheet === ranking && i === 3) ? 32 : 16;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

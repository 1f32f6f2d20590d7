import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client';
import { allQuestions, type Question, type Questionnaire } from '../../survey-forms/src';
import { tableCsv } from '../spreadsheets/write-table';
import { responseRows } from './response-review';
import { loadScoringInputs } from './score-inputs';

/**
 * The raw anonymous responses export (docs/API.md §10 "Raw responses"): one row per response
 * and rated unit, one column per question, and in the workbook a codebook of question texts,
 * option labels and weights. Bounded by docs/PRIVACY.md "Response-level views": the day only,
 * no sender, no profile answers, rows in unit, group and (random) response-id order.
 */

interface Column {
  key: string;
  header: string;
}

interface ExportTable {
  header: string[];
  rows: (string | number | null)[][];
  codebook: (string | number | null)[][];
}

const RAW_FIXED_HEADER = ['response_id', 'unit_code', 'unit_name', 'group', 'channel', 'completed_date', 'review_status'] as const;
const CODEBOOK_HEADER = ['column', 'questionnaire', 'version', 'question', 'text', 'kind', 'criterion', 'sipas_element', 'option_code', 'option_label', 'weight'] as const;

const RESPONSES_SHEET = 'Phiếu trả lời';

const exported = (q: Question) => !q.profile && q.kind !== 'note';

/** One column per question id; a question id used by two different questionnaires gets the questionnaire as prefix. */
function columnsOf(versions: readonly Questionnaire[]): { columns: Column[]; keyOf: Map<string, string> } {
  const owners = new Map<string, Set<string>>();
  for (const q of versions) for (const question of allQuestions(q)) if (exported(question)) owners.set(question.id, (owners.get(question.id) ?? new Set()).add(q.id));
  const columns: Column[] = [];
  const keyOf = new Map<string, string>();
  for (const q of versions) {
    for (const question of allQuestions(q)) {
      if (!exported(question)) continue;
      const shared = (owners.get(question.id)?.size ?? 0) > 1;
      const header = shared ? `${q.id}.${question.id}` : question.id;
      keyOf.set(`${q.id}\u0000${question.id}`, header);
      if (!columns.some((c) => c.header === header)) columns.push({ key: header, header });
    }
  }
  return { columns, keyOf };
}

function codebookOf(versions: readonly Questionnaire[], keyOf: Map<string, string>): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const q of versions) {
    for (const question of allQuestions(q)) {
      const column = keyOf.get(`${q.id}\u0000${question.id}`);
      if (!column) continue;
      const base = [column, q.id, q.version, question.id, question.text, question.kind, question.criterion ?? null, question.sipasElement ?? null];
      if (question.options.length === 0) rows.push([...base, null, null, null]);
      for (const o of question.options) rows.push([...base, o.code, o.label, typeof o.weight === 'number' ? o.weight : null]);
    }
  }
  return rows;
}

const cellValue = (choice: string | null, value: unknown): string | number | null => {
  if (choice !== null) return choice;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  return JSON.stringify(value);
};

export async function rawResponsesTable(db: DbOrTx, campaignId: string): Promise<ExportTable> {
  const inputs = await loadScoringInputs(db, campaignId); // campaign.not_found
  const { columns, keyOf } = columnsOf(inputs.versions);
  const index = new Map(columns.map((c, i) => [c.key, i]));
  const units = new Map(inputs.model.units.map((u) => [u.id, u]));
  const stored = await responseRows(db, campaignId);
  const answerRows = await queryRows<{ id: string; unit: string | null; question: string; choice: string | null; value: unknown }>(
    db,
    sql`SELECT a.response_id::text AS id, a.unit_id::text AS unit, a.question_id AS question, a.choice AS choice, a.value AS value
        FROM answers a WHERE a.campaign_id = ${campaignId}`,
  );
  const byResponse = new Map<string, typeof answerRows>();
  for (const a of answerRows) {
    const list = byResponse.get(a.id);
    if (list) list.push(a);
    else byResponse.set(a.id, [a]);
  }
  const out: { unitCode: string; group: string; id: string; row: (string | number | null)[] }[] = [];
  for (const r of stored) {
    const answers = byResponse.get(r.id) ?? [];
    const rated = [...new Set([...(r.own_unit ? [r.own_unit] : []), ...answers.flatMap((a) => (a.unit ? [a.unit] : []))])];
    for (const unitId of rated.length > 0 ? rated : [null]) {
      const unit = unitId ? units.get(unitId) : undefined;
      const cells: (string | number | null)[] = columns.map(() => null);
      for (const a of answers) {
        if (a.unit !== null && a.unit !== unitId) continue;
        const i = index.get(keyOf.get(`${r.qid}\u0000${a.question}`) ?? '');
        if (i !== undefined) cells[i] = cellValue(a.choice, a.value);
      }
      out.push({
        unitCode: unit?.code ?? '',
        group: r.grp,
        id: r.id,
        row: [r.id, unit?.code ?? null, unit?.name ?? null, r.grp, r.channel, r.day, r.status ?? 'included', ...cells],
      });
    }
  }
  // Unit, group, then response id: ids are random (device-minted UUID v4), so no arrival order survives.
  out.sort((a, b) => (a.unitCode !== b.unitCode ? (a.unitCode < b.unitCode ? -1 : 1) : a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { header: [...RAW_FIXED_HEADER, ...columns.map((c) => c.header)], rows: out.map((o) => o.row), codebook: codebookOf(inputs.versions, keyOf) };
}

/** UTF-8 with a byte-order mark and CRLF, like every CSV this service writes (spreadsheets/write-table.ts). */
export function rawResponsesCsv(table: ExportTable): string {
  return tableCsv({ sheet: RESPONSES_SHEET, header: table.header, rows: table.rows });
}

export async function rawResponsesXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'par-survey';
  const sheet = book.addWorksheet(RESPONSES_SHEET);
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row);
  const codebook = book.addWorksheet('Mã hóa');
  codebook.addRow([...CODEBOOK_HEADER]);
  for (const row of table.codebook) codebook.addRow(row);
  for (const s of [sheet, codebook]) s.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IndexTree, UnitType } from '../../../survey-forms/src';
import { AppError, type SheetError } from '../../errors';
import { requireEditable } from '../../services/campaign-drafts';
import { diffUnits, replaceUnits, setIndex } from '../../services/campaign-lists';
import { replaceQuotas } from '../../services/campaign-quotas';
import { getCampaignRow } from '../../services/campaigns';
import { INDEX_SPEC, indexTable, parseIndex } from '../../spreadsheets/index-sheet';
import { QUOTAS_SPEC, parseQuotas, quotasTable } from '../../spreadsheets/quotas-sheet';
import { mergeSheetErrors, readTable, type SheetFormat, type TableSpec } from '../../spreadsheets/read-table';
import { UNITS_SPEC, parseUnits, unitsTable } from '../../spreadsheets/units-sheet';
import { type OutTable, tableCsv, tableXlsx, XLSX_TYPE } from '../../spreadsheets/write-table';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';
import { campaignLists } from './lists';
import { withTransaction } from '../../../db/client';

/**
 * Campaign lists in and out as spreadsheets (docs/SPREADSHEETS.md): units, index and quotas
 * import from CSV or XLSX bodies, with `dryRun=true` previewing without saving; a refused file
 * answers 422 spreadsheet.invalid listing every bad row. Each list also exports as CSV and
 * XLSX with the headers the import reads.
 */
const SHEET_BODY_LIMIT = 5 * 1024 * 1024;
const MAX_LISTED_ERRORS = 1000;
const TAGS = ['campaign set-up'];
const security = [{ bearer: [] }];
const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
const importErrors = { ...staffErrors, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };
const UnitRow = z.object({ code: z.string(), name: z.string(), type: UnitType, parentCode: z.string().nullable() });
const ListFormat = z.object({ id: z.uuid(), format: z.enum(['csv', 'xlsx']) });

function refuse(errors: SheetError[]): never {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  const more = errors.length > listed.length ? ` (hiện ${listed.length} lỗi đầu tiên)` : '';
  throw new AppError('spreadsheet.invalid', `Bảng tính có ${errors.length} lỗi${more}: sửa các ô được nêu rồi gửi lại. Chưa có gì được lưu.`, listed);
}

/** The body as bytes and how to read it: an XLSX archive is recognised by its bytes whatever the declared type. */
function upload(request: FastifyRequest): { body: Buffer; format: SheetFormat } {
  const body = request.body;
  if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type', `Gửi tệp CSV (text/csv) hoặc Excel (${XLSX_TYPE}) làm nội dung yêu cầu.`);
  const zip = body.length >= 4 && body.readUInt32LE(0) === 0x04034b50;
  return { body, format: zip || (request.headers['content-type'] ?? '').includes('spreadsheetml') ? 'xlsx' : 'csv' };
}

async function readOrRefuse<F extends string>(request: FastifyRequest, spec: TableSpec<F>) {
  const { body, format } = upload(request);
  if (body.length === 0) refuse([{ sheet: spec.csvSheet, row: 1, code: 'spreadsheet.required', message: 'Tệp rỗng: gửi bảng tính có dòng tiêu đề và các dòng dữ liệu.' }]);
  const read = await readTable(body, format, spec);
  if (!read.ok) refuse(read.errors);
  return { ...read.table, check: (listErrors: readonly SheetError[]) => mergeSheetErrors(read.cellErrors, listErrors) };
}

const campaignSheetRoutes: FastifyPluginAsyncZod = async (app) => {
  // Parsers for this plugin's routes only (encapsulated): raw bytes, at most 5 MB.
  for (const type of ['text/csv', 'application/csv', XLSX_TYPE]) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: SHEET_BODY_LIMIT }, (_req, body, done) => done(null, body));
  }
  const admin = app.requireRole('admin');
  const staff = app.requireRole('admin', 'analyst');
  const importSchema = (summary: string, description: string, reply: z.ZodType, extra: Record<string, z.ZodType> = {}) => ({
    tags: TAGS,
    summary,
    description: `${description} Body: the raw file, \`text/csv\` (UTF-8, BOM optional) or \`${XLSX_TYPE}\`. \`dryRun=true\` previews without saving; a refused file is 422 spreadsheet.invalid with errors \`{ sheet, row, column?, code, message }\` (row = Excel row, header = 1) and nothing is saved.`,
    security,
    params: IdParams,
    querystring: ImportQuery.extend(extra),
    response: { 200: reply, ...importErrors },
  });

  app.post(
    '/api/campaigns/:id/units/import',
    {
      onRequest: admin,
      schema: importSchema(
        'Nhập danh sách đơn vị từ CSV/XLSX (import the unit list; draft only)',
        'Columns code, name, type (so / huyen / xa), parent_code, or Mã, Tên đơn vị, Loại, Mã đơn vị cấp trên. Replaces the list: units keep their ids (and quotas) by code; units not in the file are removed.',
        z.object({ dryRun: z.boolean(), units: z.array(UnitRow), added: z.number().int(), updated: z.number().int(), removed: z.array(z.string()) }),
      ),
    },
    async (request) => {
      const table = await readOrRefuse(request, UNITS_SPEC);
      const parsed = parseUnits(table);
      const errors = table.check(parsed.errors);
      if (errors.length > 0) refuse(errors);
      const { units } = parsed;
      const { id } = request.params;
      const change = request.query.dryRun
        ? await (async () => {
            requireEditable(await getCampaignRow(app.db, id), 'setup', 'danh sách đơn vị');
            return diffUnits(await campaignLists.units(app.db, id), units);
          })()
        : await withTransaction(app.db, (tx) => replaceUnits(tx, id, units, request.user));
      return { dryRun: request.query.dryRun, units: units.map((u) => ({ ...u, parentCode: u.parentCode ?? null })), ...change };
    },
  );

  app.post(
    '/api/campaigns/:id/index/import',
    {
      onRequest: admin,
      schema: importSchema(
        'Nhập bộ chỉ số từ CSV/XLSX (import the index tree; draft only)',
        'One row per node in outline order: level (linh_vuc / tieu_chi / tieu_chi_thanh_phan / tong, or field / criterion / sub_criterion / total), code, name, max_points; the total row (or `surveyShare`) is the survey share the maximum points must add up to.',
        z.object({ dryRun: z.boolean(), index: IndexTree }),
        { surveyShare: z.coerce.number().positive().max(100).optional() },
      ),
    },
    async (request) => {
      const table = await readOrRefuse(request, INDEX_SPEC);
      const surveyShare = (request.query as { surveyShare?: number }).surveyShare;
      const parsed = parseIndex(table, surveyShare);
      const errors = table.check(parsed.errors);
      const { index } = parsed;
      if (!index || errors.length > 0) refuse(errors);
      const { id } = request.params;
      if (request.query.dryRun) requireEditable(await getCampaignRow(app.db, id), 'setup', 'bộ chỉ số');
      else await withTransaction(app.db, (tx) => setIndex(tx, id, index, request.user));
      return { dryRun: request.query.dryRun, index };
    },
  );

  app.post(
    '/api/campaigns/:id/quotas/import',
    {
      onRequest: admin,
      schema: importSchema(
        'Nhập chỉ tiêu từ CSV/XLSX (import quotas; draft or open)',
        'Each row names one unit (unit_code) or every unit of a type (unit_type), a group (code or name), target and min_respondents (default 3); a unit row overrides its type row. Replaces the quota list.',
        z.object({ dryRun: z.boolean(), cells: z.number().int(), totalTarget: z.number().int() }),
      ),
    },
    async (request) => {
      const table = await readOrRefuse(request, QUOTAS_SPEC);
      const { id } = request.params;
      const ctx = { units: await campaignLists.units(app.db, id), groups: await campaignLists.groups(app.db, id) };
      const parsed = parseQuotas(table, ctx);
      const errors = table.check(parsed.errors);
      if (errors.length > 0) refuse(errors);
      const { cells } = parsed;
      if (request.query.dryRun) requireEditable(await getCampaignRow(app.db, id), 'fieldwork', 'chỉ tiêu');
      else await withTransaction(app.db, (tx) => replaceQuotas(tx, id, cells, request.user));
      return { dryRun: request.query.dryRun, cells: cells.length, totalTarget: cells.reduce((s, c) => s + c.target, 0) };
    },
  );

  const send = async (reply: FastifyReply, table: OutTable, name: string, format: 'csv' | 'xlsx') => {
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(tableCsv(table));
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await tableXlsx(table));
  };
  const exportSchema = (summary: string) => ({ tags: TAGS, summary, security, params: ListFormat, response: { ...staffErrors } });

  app.get('/api/campaigns/:id/units.:format', { onRequest: staff, schema: exportSchema('Danh sách đơn vị dạng CSV/XLSX, nhập lại được (export units)') }, async (request, reply) => {
    await getCampaignRow(app.db, request.params.id);
    return send(reply, unitsTable(await campaignLists.units(app.db, request.params.id)), 'don-vi', request.params.format);
  });

  app.get('/api/campaigns/:id/index.:format', { onRequest: staff, schema: exportSchema('Bộ chỉ số dạng CSV/XLSX, nhập lại được (export the index)') }, async (request, reply) => {
    const row = await getCampaignRow(app.db, request.params.id);
    if (!row.index) throw new AppError('criterion.not_found', 'Đợt khảo sát chưa có bộ chỉ số');
    return send(reply, indexTable(row.index), 'bo-chi-so', request.params.format);
  });

  app.get('/api/campaigns/:id/quotas.:format', { onRequest: staff, schema: exportSchema('Chỉ tiêu dạng CSV/XLSX, nhập lại được (export quotas)') }, async (request, reply) => {
    await getCampaignRow(app.db, request.params.id);
    const { id } = request.params;
    const ctx = { units: await campaignLists.units(app.db, id), groups: await campaignLists.groups(app.db, id) };
    return send(reply, quotasTable(await campaignLists.quotas(app.db, id), ctx), 'chi-tieu', request.params.format);
  });
};
export default campaignSheetRoutes;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Questionnaire, Slug } from '../../../survey-forms/src';
import { AppError } from '../../errors';
import { recordAudit } from '../../services/audit';
import { getQuestionnaire, latestVersion, publishQuestionnaire } from '../../services/questionnaires';
import { exportXlsform } from '../../services/xlsform/export';
import { importXlsform } from '../../services/xlsform/import';
import { ProblemSchema, staffErrors } from '../schemas';
import { XLSX_TYPE } from '../../spreadsheets/write-table';
import { withTransaction } from '../../../db/client';

const TAGS = ['questionnaires'];
/** An XLSForm of a few hundred questions is well under 1 MB; 5 MB leaves room for styling. */
const MAX_XLSX = 5 * 1024 * 1024;

const SheetErrorView = z.object({ sheet: z.string(), row: z.number().int(), column: z.string().optional(), code: z.string(), message: z.string() });
const ImportReply = z.object({ questionnaire: Questionnaire, warnings: z.array(SheetErrorView) });
const Flag = z.enum(['true', 'false', '1', '0']).optional();
const ImportQuery = z.object({
  dryRun: Flag,
  group: z.string().max(64).optional(),
  mode: z.string().max(16).optional(),
  unitType: z.string().max(16).optional(),
});
const VersionParams = z.object({ id: Slug, version: z.coerce.number().int().positive().max(1_000_000) });

/**
 * Questionnaires as XLSForm workbooks (docs/SPREADSHEETS.md "XLSForm"): import with a
 * preview (`dryRun=true`) and publish, and export any published version. The import route
 * takes the raw XLSX bytes; its own content-type parser lives in this plugin only.
 */
const xlsformRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_XLSX }, (_request, body, done) => done(null, body));

  app.post(
    '/api/questionnaires/import',
    {
      onRequest: app.requireRole('admin'),
      bodyLimit: MAX_XLSX,
      schema: {
        tags: TAGS,
        summary: 'Nhập phiếu từ tệp XLSForm; dryRun=true để xem trước (import an XLSForm workbook)',
        description:
          'Body: the raw .xlsx bytes (`Content-Type: ' +
          XLSX_TYPE +
          '`). `group`, `mode`, `unitType` fill what the settings sheet lacks. 200 preview / 201 published; 422 `spreadsheet.invalid` lists every bad cell as `{ sheet, row, column, code, message }`; 400 `spreadsheet.unreadable` for a file that is not an XLSX workbook; 409 when the version exists.',
        security: [{ bearer: [] }],
        consumes: [XLSX_TYPE],
        querystring: ImportQuery,
        response: { 200: ImportReply, 201: ImportReply, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('request.unsupported_media_type', `Gửi tệp .xlsx với Content-Type: ${XLSX_TYPE}`);
      const { dryRun, group, mode, unitType } = request.query;
      const result = await importXlsform(request.body, { group, mode, unitType });
      if (!result.ok) {
        if (result.unreadable) throw new AppError('spreadsheet.unreadable', result.unreadable);
        throw new AppError('spreadsheet.invalid', `Tệp có ${result.errors.length} lỗi; chưa có gì được lưu`, result.errors);
      }
      const preview = dryRun === 'true' || dryRun === '1';
      const publish = async (tx: Parameters<typeof publishQuestionnaire>[0]) => {
        const latest = (await latestVersion(tx, result.questionnaire.id)) ?? 0;
        const warnings = [...result.warnings];
        const questionnaire = { ...result.questionnaire };
        if (!result.versionGiven) {
          questionnaire.version = latest + 1;
          warnings.push({ sheet: 'settings', row: 2, column: 'version', code: 'xlsform.version_assigned', message: `Không ghi phiên bản (version): dùng phiên bản ${latest + 1}` });
        } else if (questionnaire.version <= latest) {
          throw new AppError('questionnaire.version_exists', `Phiếu ${questionnaire.id} đã có phiên bản ${latest}; hãy ghi version = ${latest + 1} trên trang settings`);
        } else if (questionnaire.version !== latest + 1) {
          throw new AppError('spreadsheet.invalid', 'Số phiên bản không liền kề', [
            { sheet: 'settings', row: 2, column: 'version', code: 'spreadsheet.invalid', message: `Phiên bản tiếp theo của ${questionnaire.id} phải là ${latest + 1}` },
          ]);
        }
        if (!preview) {
          await publishQuestionnaire(tx, questionnaire, request.user.id);
          await recordAudit(tx, {
            actor: request.user,
            action: 'questionnaire.publish',
            target: `questionnaire:${questionnaire.id}@${questionnaire.version}`,
            detail: { source: 'xlsform', title: questionnaire.title, group: questionnaire.group, warnings: warnings.length },
          });
        }
        return { questionnaire, warnings };
      };
      const body = preview ? await publish(app.db) : await withTransaction(app.db, publish);
      return reply.code(preview ? 200 : 201).send(body);
    },
  );

  app.get(
    '/api/questionnaires/:id/versions/:version/export.xlsx',
    {
      onRequest: app.requireRole('admin', 'analyst', 'collector'),
      schema: {
        tags: TAGS,
        summary: 'Tải phiếu dưới dạng XLSForm (export a version as an XLSForm workbook)',
        security: [{ bearer: [] }],
        params: VersionParams,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const found = await getQuestionnaire(app.db, id, version);
      if (!found) throw new AppError('questionnaire.not_found', `Không có phiếu ${id} phiên bản ${version}`);
      // Stored definitions may predate fields with defaults: the schema fills them in as on import.
      const book = await exportXlsform(Questionnaire.parse(found));
      return reply
        .type(XLSX_TYPE)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${id}-v${version}.xlsx"`)
        .send(book);
    },
  );
};
export default xlsformRoutes;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CriterionCellsView, SatisfactionView, ScoresView, Slug, UnitCellsView } from '../../../survey-forms/src';
import { campaignSatisfaction, campaignScoresReport, criterionCells, unitCells } from '../../services/score-details';
import { scoresCsv, scoresXlsx } from '../../services/score-exports';
import { getScores } from '../../services/scores';
import { IdParams, staffErrors } from '../schemas';
import { XLSX_TYPE } from '../../spreadsheets/write-table';

const tags = ['scores'];

/** docs/API.md §10 scores: survey scores per unit (docs/SCORING.md), their cells, exports and SIPAS indices. */
const scoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const analysts = app.requireRole('analyst');

  app.get(
    '/api/campaigns/:id/scores',
    { onRequest: analysts, schema: { tags, summary: 'Survey scores per unit and criterion', params: IdParams, response: { 200: ScoresView, ...staffErrors } } },
    async (request) => getScores(app.db, request.params.id),
  );

  app.get(
    '/api/campaigns/:id/scores/:unitId/criteria/:criterionId',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'The cells (question, group, valid n, mean) and arithmetic behind one criterion score',
        params: z.object({ id: z.uuid(), unitId: z.uuid(), criterionId: Slug }),
        response: { 200: CriterionCellsView, ...staffErrors },
      },
    },
    async (request) => criterionCells(app.db, request.params.id, request.params.unitId, request.params.criterionId),
  );

  app.get(
    '/api/campaigns/:id/scores/:unitId/cells',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Mọi tiêu chí của một đơn vị với các ô phía sau (every criterion of one unit with the cells behind it)',
        params: z.object({ id: z.uuid(), unitId: z.uuid() }),
        response: { 200: UnitCellsView, ...staffErrors },
      },
    },
    async (request) => unitCells(app.db, request.params.id, request.params.unitId),
  );

  app.get(
    '/api/campaigns/:id/scores-report.xlsx',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Bảng điểm cho người đọc: tên tiếng Việt, hạng tạm tính, chỉ số hài lòng (Excel workbook for people: Vietnamese names, provisional ranks, SIPAS)',
        params: IdParams,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const book = await campaignScoresReport(app.db, request.params.id);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="bao-cao-diem-${request.params.id}.xlsx"`).send(book);
    },
  );

  app.get(
    '/api/campaigns/:id/scores.csv',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'CSV for the index software: one row per unit and criterion (UTF-8 with BOM)',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...staffErrors },
      },
    },
    async (request, reply) => {
      const csv = scoresCsv(await getScores(app.db, request.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scores-${request.params.id}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/campaigns/:id/scores.xlsx',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Excel workbook: criteria per unit, and unit totals with ranks and flags',
        params: IdParams,
        produces: [XLSX_TYPE],
        // A binary body: described for OpenAPI, never serialized (Fastify sends Buffers as they are).
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const book = await scoresXlsx(await getScores(app.db, request.params.id));
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="scores-${request.params.id}.xlsx"`).send(book);
    },
  );

  app.get(
    '/api/campaigns/:id/satisfaction',
    {
      onRequest: analysts,
      schema: { tags, summary: 'SIPAS-style satisfaction indices per unit and element', params: IdParams, response: { 200: SatisfactionView, ...staffErrors } },
    },
    async (request) => campaignSatisfaction(app.db, request.params.id),
  );
};
export default scoreRoutes;

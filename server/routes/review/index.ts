import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../../db/client';
import { ResponseFlagCode, ResponseReview, ReviewedResponse, ReviewRequest } from '../../../survey-forms/src';
import { rawResponsesCsv, rawResponsesTable, rawResponsesXlsx } from '../../services/response-exports';
import { listReviewedResponses, reviewResponse } from '../../services/response-review';
import { IdParams, staffErrors } from '../schemas';
import { XLSX_TYPE } from '../../spreadsheets/write-table';

const tags = ['review'];

/** docs/API.md §10 "Data review" and "Raw responses": flagged responses, exclusion, the raw export. */
const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const analysts = app.requireRole('analyst');

  app.get(
    '/api/campaigns/:id/responses',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Phiếu cần xem lại, với lý do (responses with their flags and review status; by day only)',
        params: IdParams,
        querystring: z.object({ flag: ResponseFlagCode.optional() }),
        response: { 200: z.array(ReviewedResponse), ...staffErrors },
      },
    },
    async (request) => listReviewedResponses(app.db, request.params.id, request.query.flag),
  );

  app.post(
    '/api/campaigns/:id/responses/:responseId/review',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Loại phiếu khỏi tính điểm (có lý do) hoặc khôi phục (exclude a response from scoring with a reason, or restore it)',
        params: z.object({ id: z.uuid(), responseId: z.uuid() }),
        body: ReviewRequest,
        response: { 200: ResponseReview, ...staffErrors },
      },
    },
    async (request) =>
      withTransaction(app.db, (tx) => reviewResponse(tx, request.params.id, request.params.responseId, request.body, request.user, app.now())),
  );

  app.get(
    '/api/campaigns/:id/responses.csv',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Dữ liệu thô ẩn danh: mỗi dòng một phiếu và đơn vị được đánh giá (raw anonymous responses, CSV)',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...staffErrors },
      },
    },
    async (request, reply) => {
      const csv = rawResponsesCsv(await rawResponsesTable(app.db, request.params.id));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="responses-${request.params.id}.csv"`).send(csv);
    },
  );

  app.get(
    '/api/campaigns/:id/responses.xlsx',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Dữ liệu thô ẩn danh kèm bảng mã hóa (raw anonymous responses with a codebook sheet, XLSX)',
        params: IdParams,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const book = await rawResponsesXlsx(await rawResponsesTable(app.db, request.params.id));
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="responses-${request.params.id}.xlsx"`).send(book);
    },
  );
};
export default reviewRoutes;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withTransaction } from '../../../db/client';
import { IntegrationTokenRequest, IntegrationTokenView, IssuedIntegrationToken, Publication, PublicationDiff, PublicationSummary } from '../../../survey-forms/src';
import { AppError } from '../../errors';
import { declareAccess } from '../../plugins/route-access';
import { INTEGRATION_TOKEN_PREFIX, integrationTokenAdmits, issueIntegrationToken, listIntegrationTokens, revokeIntegrationToken } from '../../services/integration-tokens';
import { diffPublications, listPublications, publish, publishedScores, publishedScoresReport, publishedScoresText, type VersionRef } from '../../services/publications';
import { scoresCsv, scoresXlsx } from '../../services/score-exports';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';
import { XLSX_TYPE } from '../../spreadsheets/write-table';

const tags = ['publications'];

/** A version number, or `latest`. */
const VersionParam = z.union([z.literal('latest'), z.coerce.number().int().positive()]);
const VersionParams = z.object({ id: z.uuid(), version: VersionParam });

/** docs/API.md §10 "Publishing" and "Integration tokens". */
const publicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const analysts = app.requireRole('analyst');
  const admins = app.requireRole('admin');

  /**
   * onRequest: an integration token of the campaign in the path (Authorization: Bearer pit_…),
   * or else a staff token of an analyst or admin. Integration tokens open these routes only.
   */
  const publishedReaders = declareAccess(async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!token.startsWith(INTEGRATION_TOKEN_PREFIX)) return analysts(request);
    const params = IdParams.safeParse({ id: (request.params as { id?: unknown }).id });
    if (!params.success || !(await integrationTokenAdmits(app.db, params.data.id, token))) throw new AppError('auth.token_invalid');
  }, ['analyst', 'integration']);

  app.post(
    '/api/campaigns/:id/publications',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Công bố một phiên bản điểm (publish a numbered, frozen version of the scores)',
        params: IdParams,
        response: { 201: Publication, 409: ProblemSchema, ...staffErrors },
      },
    },
    async (request, reply) => {
      const published = await withTransaction(app.db, (tx) => publish(tx, request.params.id, request.user, app.now()));
      return reply.code(201).send(published);
    },
  );

  app.get(
    '/api/campaigns/:id/publications',
    { onRequest: analysts, schema: { tags, summary: 'Các phiên bản đã công bố (published versions)', params: IdParams, response: { 200: z.array(PublicationSummary), ...staffErrors } } },
    async (request) => listPublications(app.db, request.params.id),
  );

  app.get(
    '/api/campaigns/:id/publications/:version/scores',
    {
      onRequest: publishedReaders,
      schema: {
        tags,
        summary: 'Điểm của một phiên bản đã công bố, giống hệt ở mọi lần đọc (frozen scores, byte-identical; also for integration tokens)',
        params: VersionParams,
        // The frozen text itself (a ScoresView, survey-forms/src/scores-api.ts), never serialized again.
        response: { 200: z.string().describe('application/json: ScoresView as frozen at publishing'), ...staffErrors },
      },
    },
    async (request, reply) => {
      const { version, text } = await publishedScoresText(app.db, request.params.id, request.params.version as VersionRef);
      // The stored text as it is: a string with a JSON type is sent without serializing again.
      return reply.type('application/json; charset=utf-8').header('x-publication-version', String(version)).send(text);
    },
  );

  app.get(
    '/api/campaigns/:id/publications/:version/scores.csv',
    {
      onRequest: publishedReaders,
      schema: {
        tags,
        summary: 'CSV cho phần mềm chỉ số từ một phiên bản đã công bố (index-software CSV of a published version; also for integration tokens)',
        params: VersionParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...staffErrors },
      },
    },
    async (request, reply) => {
      const { version, scores } = await publishedScores(app.db, request.params.id, request.params.version as VersionRef);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scores-${request.params.id}-v${version}.csv"`)
        .send(scoresCsv(scores));
    },
  );

  app.get(
    '/api/campaigns/:id/publications/:version/scores.xlsx',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Tệp Excel của một phiên bản đã công bố (workbook of a published version)',
        params: VersionParams,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const { version, scores } = await publishedScores(app.db, request.params.id, request.params.version as VersionRef);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="scores-${request.params.id}-v${version}.xlsx"`).send(await scoresXlsx(scores));
    },
  );

  app.get(
    '/api/campaigns/:id/publications/:version/scores-report.xlsx',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary:
          'Bảng điểm cho người đọc của một phiên bản đã công bố: tên tiếng Việt, hạng tạm tính, phiếu bị loại (workbook for people of a published version, from the frozen figures; staff only)',
        params: VersionParams,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe(XLSX_TYPE), ...staffErrors },
      },
    },
    async (request, reply) => {
      const { version, book } = await publishedScoresReport(app.db, request.params.id, request.params.version as VersionRef);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="bao-cao-diem-${request.params.id}-v${version}.xlsx"`).send(book);
    },
  );

  app.get(
    '/api/campaigns/:id/publications/:from/diff/:to',
    {
      onRequest: analysts,
      schema: {
        tags,
        summary: 'Thay đổi giữa hai phiên bản, theo từng đơn vị (what changed between two versions, unit by unit)',
        params: z.object({ id: z.uuid(), from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
        response: { 200: PublicationDiff, ...staffErrors },
      },
    },
    async (request) => diffPublications(app.db, request.params.id, request.params.from, request.params.to),
  );

  app.post(
    '/api/campaigns/:id/integration-tokens',
    {
      onRequest: admins,
      schema: {
        tags,
        summary: 'Cấp mã tích hợp chỉ đọc điểm đã công bố; mã chỉ hiện một lần (issue a read-only integration token, shown once)',
        params: IdParams,
        body: IntegrationTokenRequest,
        response: { 201: IssuedIntegrationToken, ...staffErrors },
      },
    },
    async (request, reply) => {
      const issued = await withTransaction(app.db, (tx) => issueIntegrationToken(tx, request.params.id, request.body.label, request.user, app.now()));
      return reply.code(201).send(issued);
    },
  );

  app.get(
    '/api/campaigns/:id/integration-tokens',
    { onRequest: admins, schema: { tags, summary: 'Các mã tích hợp (integration tokens, without the tokens)', params: IdParams, response: { 200: z.array(IntegrationTokenView), ...staffErrors } } },
    async (request) => listIntegrationTokens(app.db, request.params.id),
  );

  app.delete(
    '/api/campaigns/:id/integration-tokens/:tokenId',
    {
      onRequest: admins,
      schema: {
        tags,
        summary: 'Thu hồi mã tích hợp (revoke an integration token)',
        params: z.object({ id: z.uuid(), tokenId: z.uuid() }),
        response: { 200: IntegrationTokenView, ...staffErrors },
      },
    },
    async (request) => withTransaction(app.db, (tx) => revokeIntegrationToken(tx, request.params.id, request.params.tokenId, request.user, app.now())),
  );
};
export default publicationRoutes;

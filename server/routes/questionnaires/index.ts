import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GroupCode, Questionnaire, QuestionnaireMode, Slug, UnitType } from '../../../survey-forms/src';
import { AppError } from '../../errors';
import { recordAudit } from '../../services/audit';
import { getQuestionnaire, listQuestionnaires, publishQuestionnaire } from '../../services/questionnaires';
import { ProblemSchema, staffErrors } from '../schemas';
import xlsformRoutes from './xlsform';
import { withTransaction } from '../../../db/client';

const TAGS = ['questionnaires'];

const QuestionnaireSummaryView = z.object({
  id: z.string(),
  latestVersion: z.number().int(),
  versions: z.array(z.number().int()),
  title: z.string(),
  group: GroupCode,
  mode: QuestionnaireMode,
  unitType: UnitType,
});

const VersionParams = z.object({ id: Slug, version: z.coerce.number().int().positive().max(1_000_000) });

/**
 * Questionnaire versions (docs/DOMAIN.md §2 questionnaires, docs/API.md §6 questionnaires): published once, never changed. There is no PUT,
 * PATCH or DELETE; a changed form is a new version, and answers keep the version they name.
 */
const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst', 'collector');
  await app.register(xlsformRoutes);

  app.get(
    '/api/questionnaires',
    {
      onRequest: staff,
      schema: {
        tags: TAGS,
        summary: 'Danh sách phiếu điều tra và các phiên bản (list questionnaires)',
        response: { 200: z.array(QuestionnaireSummaryView), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async () => listQuestionnaires(app.db),
  );

  app.get(
    '/api/questionnaires/:id/versions/:version',
    {
      onRequest: staff,
      schema: {
        tags: TAGS,
        summary: 'Nội dung đầy đủ của một phiên bản phiếu (one questionnaire version)',
        params: VersionParams,
        response: { 200: Questionnaire, ...staffErrors },
      },
    },
    async (request) => {
      const found = await getQuestionnaire(app.db, request.params.id, request.params.version);
      if (!found) throw new AppError('questionnaire.not_found', `Không có phiếu ${request.params.id} phiên bản ${request.params.version}`);
      return found;
    },
  );

  app.post(
    '/api/questionnaires',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: TAGS,
        summary: 'Công bố phiên bản phiếu mới (publish a questionnaire version)',
        description:
          'The body is the whole definition with `version` = latest + 1 (1 for a new questionnaire). A version that exists already is refused with 409 questionnaire.version_exists: published versions are immutable.',
        body: Questionnaire,
        response: {
          201: z.object({ id: z.string(), version: z.number().int() }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          409: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.body;
      await withTransaction(app.db, async (tx) => {
        await publishQuestionnaire(tx, q, request.user.id);
        await recordAudit(tx, { actor: request.user, action: 'questionnaire.publish', target: `questionnaire:${q.id}@${q.version}`, detail: { source: 'json', title: q.title, group: q.group } });
      });
      return reply.code(201).send({ id: request.body.id, version: request.body.version });
    },
  );
};
export default questionnaireRoutes;

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { questionnaireVersions } from '../../db/schema';
import type { Questionnaire, QuestionnaireRef } from '../../survey-forms/src';
import { isUniqueViolation } from '../db-errors';
import { AppError } from '../errors';

/**
 * Questionnaire versions: publish (insert only) and read. There is no update path: a
 * published version is immutable, and a changed form is published as a new version.
 */
export async function latestVersion(db: DbOrTx, id: string): Promise<number | null> {
  const [latest] = await db
    .select({ version: questionnaireVersions.version })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.questionnaireId, id))
    .orderBy(desc(questionnaireVersions.version))
    .limit(1);
  return latest?.version ?? null;
}

export async function publishQuestionnaire(db: DbOrTx, definition: Questionnaire, publishedBy: string | null): Promise<void> {
  const latestNumber = await latestVersion(db, definition.id);
  const latest = latestNumber === null ? undefined : { version: latestNumber };
  const expected = (latest?.version ?? 0) + 1;
  if (latest && definition.version <= latest.version) {
    throw new AppError('questionnaire.version_exists', `Phiếu ${definition.id} đã có phiên bản ${latest.version}; phiên bản mới phải là ${expected}`);
  }
  if (definition.version !== expected) {
    throw new AppError('definition.invalid', `Phiên bản tiếp theo của ${definition.id} phải là ${expected}`, [{ path: 'version', message: `phải là ${expected}` }]);
  }
  try {
    await db.insert(questionnaireVersions).values({ questionnaireId: definition.id, version: definition.version, definition, publishedBy });
  } catch (err) {
    // Two admins publishing the same version at once: the primary key decides, the loser is told.
    if (isUniqueViolation(err)) throw new AppError('questionnaire.version_exists', `Phiên bản ${definition.version} của ${definition.id} vừa được công bố`);
    throw err;
  }
}

export async function getQuestionnaire(db: DbOrTx, id: string, version: number): Promise<Questionnaire | null> {
  const [row] = await db
    .select({ definition: questionnaireVersions.definition })
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.questionnaireId, id), eq(questionnaireVersions.version, version)));
  return row?.definition ?? null;
}

/** Loads the named versions; missing ones are simply absent from the result. */
export async function loadQuestionnaires(db: DbOrTx, refs: readonly QuestionnaireRef[]): Promise<Questionnaire[]> {
  if (refs.length === 0) return [];
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = await db
    .select({ definition: questionnaireVersions.definition })
    .from(questionnaireVersions)
    .where(inArray(questionnaireVersions.questionnaireId, ids));
  const wanted = new Set(refs.map((r) => `${r.id}@${r.version}`));
  return rows.map((r) => r.definition).filter((d) => wanted.has(`${d.id}@${d.version}`));
}

/** Every version of the given questionnaires (sync accepts any published version). */
export async function loadAllVersions(db: DbOrTx, ids: readonly string[]): Promise<Questionnaire[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ definition: questionnaireVersions.definition })
    .from(questionnaireVersions)
    .where(inArray(questionnaireVersions.questionnaireId, [...ids]));
  return rows.map((r) => r.definition);
}

export interface QuestionnaireSummary {
  id: string;
  latestVersion: number;
  versions: number[];
  title: string;
  group: Questionnaire['group'];
  mode: Questionnaire['mode'];
  unitType: Questionnaire['unitType'];
}

export async function listQuestionnaires(db: DbOrTx): Promise<QuestionnaireSummary[]> {
  const rows = await db
    .select({
      id: questionnaireVersions.questionnaireId,
      versions: sql<number[]>`array_agg(${questionnaireVersions.version} order by ${questionnaireVersions.version})`,
      latest: sql<Questionnaire>`(array_agg(${questionnaireVersions.definition} order by ${questionnaireVersions.version} desc))[1]`,
    })
    .from(questionnaireVersions)
    .groupBy(questionnaireVersions.questionnaireId)
    .orderBy(questionnaireVersions.questionnaireId);
  return rows.map((r) => ({
    id: r.id,
    versions: r.versions.map(Number),
    latestVersion: r.latest.version,
    title: r.latest.title,
    group: r.latest.group,
    mode: r.latest.mode,
    unitType: r.latest.unitType,
  }));
}

import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, queryRowsWithSettings } from '../../db/client';
import type { ChoiceCount } from '../stats/cell-means';
import type { RespondentAnswers } from '../stats/respondents';
import { pairKey, type ScoringInputs } from '../stats/scoring-inputs';

/**
 * The SQL side of scoring: one pass over a campaign's answers, aggregated in the database
 * where it pays. Both engines return the same integers; all arithmetic on weights happens in
 * server/stats so results are identical on PGlite and PostgreSQL.
 *
 * Answers always carry the unit they are about (the validator requires it for own-unit and
 * per-unit questions), so the scan reads `answers` alone. It joins `responses` only when
 * questionnaire versions read a question differently and each answer needs its own version.
 */

/** Changes with every accepted response (count and newest arrival), read from the responses_campaign index. */
export async function campaignDataKey(db: DbOrTx, campaignId: string): Promise<string> {
  const [row] = await queryRows<{ n: number | string; latest: string | null }>(
    db,
    sql`SELECT count(*)::int AS n, max(received_at)::text AS latest FROM responses WHERE campaign_id = ${campaignId}`,
  );
  return `${String(row?.n ?? 0)}@${String(row?.latest ?? '-')}`;
}

/**
 * Leaves out the answers of excluded responses (docs/SCORING.md "Excluded responses"): one
 * array parameter, and no condition at all when nothing is excluded, so the usual plan stays.
 */
const exclusionFilter = (excluded: readonly string[]) => (excluded.length > 0 ? sql`AND NOT (a.response_id = ANY(${`{${excluded.join(',')}}`}::uuid[]))` : sql``);

/** unit id → excluded responses with an answer about it (shown beside the figures that leave them out). */
export async function excludedPerUnit(db: DbOrTx, inputs: ScoringInputs): Promise<Map<string, number>> {
  if (inputs.excluded.length === 0) return new Map();
  const rows = await queryRows<{ unit: string; n: number | string }>(
    db,
    sql`SELECT a.unit_id::text AS unit, count(DISTINCT a.response_id)::int AS n FROM answers a
        WHERE a.campaign_id = ${inputs.campaignId} AND a.unit_id IS NOT NULL AND a.response_id = ANY(${`{${inputs.excluded.join(',')}}`}::uuid[])
        GROUP BY a.unit_id`,
  );
  return new Map(rows.map((r) => [r.unit, Number(r.n)]));
}

const questionFilter = (questionIds?: readonly string[]) =>
  questionIds ? sql`AND a.question_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(questionIds)}::jsonb))` : sql``;

const unitFilter = (unitId?: string) => (unitId === undefined ? sql`` : sql`AND a.unit_id = ${unitId}::uuid`);

/** Narrows a scan to "the cells behind one figure" (some questions) or one unit's page. */
interface CountFilter {
  questionIds?: readonly string[];
  unitId?: string;
}

/**
 * Answers per (questionnaire version, group, unit, question, choice): the cell counts of
 * docs/SCORING.md rule 2 in one GROUP BY, optionally only some questions or one unit.
 */
export async function choiceCounts(db: DbOrTx, inputs: ScoringInputs, filter: CountFilter = {}): Promise<ChoiceCount[]> {
  const campaignId = inputs.campaignId;
  const reps = inputs.representatives;
  if (reps) {
    const rows = await queryRows<{ grp: string; unit: string; question: string; choice: string; n: number | string }>(
      db,
      sql`SELECT a.group_code AS grp, a.unit_id::text AS unit, a.question_id AS question, a.choice AS choice, count(*)::int AS n
          FROM answers a
          WHERE a.campaign_id = ${campaignId} AND a.choice IS NOT NULL AND a.unit_id IS NOT NULL ${questionFilter(filter.questionIds)} ${unitFilter(filter.unitId)} ${exclusionFilter(inputs.excluded)}
          GROUP BY a.group_code, a.unit_id, a.question_id, a.choice`,
    );
    return rows.flatMap((r) => {
      const rep = reps.get(pairKey(r.grp, r.question));
      return rep ? [{ ...rep, group: r.grp, unitId: r.unit, questionId: r.question, choice: r.choice, n: Number(r.n) }] : [];
    });
  }
  const rows = await queryRows<{ qid: string; ver: number; grp: string; unit: string; question: string; choice: string; n: number | string }>(
    db,
    sql`SELECT r.questionnaire_id AS qid, r.questionnaire_version AS ver, a.group_code AS grp, a.unit_id::text AS unit,
               a.question_id AS question, a.choice AS choice, count(*)::int AS n
        FROM answers a JOIN responses r ON r.id = a.response_id
        WHERE a.campaign_id = ${campaignId} AND r.campaign_id = ${campaignId} AND a.choice IS NOT NULL AND a.unit_id IS NOT NULL ${questionFilter(filter.questionIds)} ${unitFilter(filter.unitId)} ${exclusionFilter(inputs.excluded)}
        GROUP BY r.questionnaire_id, r.questionnaire_version, a.group_code, a.unit_id, a.question_id, a.choice`,
  );
  return rows.map((r) => ({ questionnaireId: r.qid, version: Number(r.ver), group: r.grp, unitId: r.unit, questionId: r.question, choice: r.choice, n: Number(r.n) }));
}

/**
 * The same cell counts for many campaigns in one scan (a national scoring run): campaigns whose
 * versions all read questions alike share one GROUP BY over `answers`, the others are counted
 * one by one with their versions. Result: campaign id → counts.
 */
export async function choiceCountsOfCampaigns(db: DbOrTx, all: readonly ScoringInputs[]): Promise<Map<string, ChoiceCount[]>> {
  const out = new Map<string, ChoiceCount[]>(all.map((i) => [i.campaignId, []]));
  // Campaigns with excluded responses are counted one by one, with their exclusions.
  const shared = all.filter((i) => i.representatives !== null && i.excluded.length === 0);
  for (const inputs of all) if (inputs.representatives === null || inputs.excluded.length > 0) out.set(inputs.campaignId, await choiceCounts(db, inputs));
  if (shared.length === 0) return out;
  const byId = new Map(shared.map((i) => [i.campaignId, i]));
  // One array parameter (a PostgreSQL array literal, the same on both engines): a list of 34
  // separate parameters made the planner pick a slower plan for the same scan.
  const ids = `{${[...byId.keys()].join(',')}}`;
  // Grouped by the raw columns (casts only on the output rows) with a plain count per choice:
  // measured at about 1.2× the plain GROUP BY floor, where one FILTER count per option code
  // per row cost 2.5× (docs/BENCHMARKS.md, scores).
  // Rows arrive already shaped as ChoiceCount (but for the version, filled in below) so 300,000
  // of them are not copied into new objects: that copy cost as much as a third of the scan.
  const rows = await inMemoryHashAggregate<ChoiceCount & { campaignId: string }>(
    db,
    sql`SELECT a.campaign_id::text AS "campaignId", a.group_code AS "group", a.unit_id::text AS "unitId", a.question_id AS "questionId",
               a.choice AS choice, count(*)::int AS n, '' AS "questionnaireId", 0 AS version
        FROM answers a
        WHERE a.campaign_id = ANY(${ids}::uuid[]) AND a.unit_id IS NOT NULL AND a.choice IS NOT NULL
        GROUP BY a.campaign_id, a.group_code, a.unit_id, a.question_id, a.choice`,
  );
  for (const row of rows) {
    const rep = byId.get(row.campaignId)?.representatives?.get(pairKey(row.group, row.questionId));
    if (!rep) continue;
    row.questionnaireId = rep.questionnaireId;
    row.version = rep.version;
    row.n = Number(row.n);
    out.get(row.campaignId)?.push(row);
  }
  return out;
}

/**
 * Every response's scored answers, packed by the database into one bytea per response of
 * big-endian int32 codes `unit index × slots + slot`. This is the compact per-respondent form
 * the bootstrap resamples (docs/SCORING.md rule 5): a few thousand rows instead of millions.
 * The lookup tables are small and arrive as JSON; nested loops over them are switched off
 * because the planner cannot estimate a JSON function's rows and would pick them.
 * Excluded responses are left out unless `withExcluded` (the review list flags them too).
 */
export async function respondentAnswers(db: DbOrTx, inputs: ScoringInputs, opts: { withExcluded?: boolean } = {}): Promise<RespondentAnswers[]> {
  const { campaignId, slots } = inputs;
  const unitIds = inputs.model.units.map((u) => u.id);
  if (slots.length === 0 || unitIds.length === 0) return [];
  const unitTable = JSON.stringify(unitIds.map((id, i) => ({ id, i })));
  const reps = inputs.representatives;
  const query = reps
    ? sql`WITH m AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(
        slots.flatMap((s, i) => {
          const rep = reps.get(pairKey(groupOf(inputs, s.questionnaireId, s.version), s.questionId));
          return rep && rep.questionnaireId === s.questionnaireId && rep.version === s.version
            ? [{ g: groupOf(inputs, s.questionnaireId, s.version), k: s.questionId, c: s.choice, s: i }]
            : [];
        }),
      )}::jsonb) AS m(g text, k text, c text, s int)),
             u AS (SELECT * FROM jsonb_to_recordset(${unitTable}::jsonb) AS u(id uuid, i int))
        SELECT a.response_id::text AS id, a.group_code AS grp, string_agg(int4send(u.i * ${slots.length}::int + m.s), ''::bytea) AS codes
        FROM answers a
        JOIN m ON m.g = a.group_code AND m.k = a.question_id AND m.c = a.choice
        JOIN u ON u.id = a.unit_id
        WHERE a.campaign_id = ${campaignId} ${exclusionFilter(opts.withExcluded ? [] : inputs.excluded)}
        GROUP BY a.response_id, a.group_code`
    : sql`WITH m AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(
        slots.map((s, i) => ({ q: s.questionnaireId, v: s.version, k: s.questionId, c: s.choice, s: i })),
      )}::jsonb) AS m(q text, v int, k text, c text, s int)),
             u AS (SELECT * FROM jsonb_to_recordset(${unitTable}::jsonb) AS u(id uuid, i int))
        SELECT r.id::text AS id, r.group_code AS grp, string_agg(int4send(u.i * ${slots.length}::int + m.s), ''::bytea) AS codes
        FROM answers a
        JOIN responses r ON r.id = a.response_id
        JOIN m ON m.q = r.questionnaire_id AND m.v = r.questionnaire_version AND m.k = a.question_id AND m.c = a.choice
        JOIN u ON u.id = a.unit_id
        WHERE a.campaign_id = ${campaignId} AND r.campaign_id = ${campaignId} ${exclusionFilter(opts.withExcluded ? [] : inputs.excluded)}
        GROUP BY r.id, r.group_code`;
  const rows = await withRoomToHash<{ id: string; grp: string; codes: Uint8Array | null }>(db, query);
  return rows.map((row) => decode(row.id, row.grp, row.codes, slots.length));
}

const groupCache = new WeakMap<ScoringInputs, Map<string, string>>();
/** The respondent group of a questionnaire version (slots know their version, the scan knows groups). */
function groupOf(inputs: ScoringInputs, questionnaireId: string, version: number): string {
  let byVersion = groupCache.get(inputs);
  if (!byVersion) groupCache.set(inputs, (byVersion = new Map(inputs.versions.map((q) => [`${q.id}@${q.version}`, q.group]))));
  return byVersion.get(`${questionnaireId}@${version}`) ?? '';
}

/** Codes are sorted so a response's answers come in one canonical order whatever order the database used. */
function decode(id: string, group: string, codes: Uint8Array | null, slotCount: number): RespondentAnswers {
  const bytes = codes ?? new Uint8Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength >>> 2;
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = view.getInt32(i * 4, false);
  sorted.sort();
  const units = new Int32Array(n);
  const slots = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = sorted[i] ?? 0;
    units[i] = Math.floor(code / slotCount);
    slots[i] = code % slotCount;
  }
  return { id, group, units, slots };
}

/**
 * The national scan groups 20 million answers into ~100,000 cells, but PostgreSQL guesses two
 * million groups from per-column statistics and then sorts 20 million rows instead of hashing
 * them. Room for the hash table and sorting switched off, for this transaction only, give the
 * parallel hash aggregate a plain GROUP BY gets.
 */
function inMemoryHashAggregate<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return queryRowsWithSettings<T>(db, [sql`SET LOCAL work_mem = '64MB'`, sql`SET LOCAL enable_sort = off`, sql`SET LOCAL jit = off`], query);
}

/**
 * Runs a scoring scan with nested loops off (see respondentAnswers), room to hash its groups in
 * memory instead of spilling to disk, and no JIT (compiling costs more than it saves here).
 */
function withRoomToHash<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return queryRowsWithSettings<T>(db, [sql`SET LOCAL enable_nestloop = off`, sql`SET LOCAL work_mem = '256MB'`, sql`SET LOCAL jit = off`], query);
}

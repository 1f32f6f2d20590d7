import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client';
import { publications, responseReviews } from '../../db/schema';
import { type Publication, type PublicationDiff, type PublicationSummary, SatisfactionView, ScoresView, type UnitDiff } from '../../survey-forms/src';
import type { StaffUser } from '../plugins/auth';
import { AppError } from '../errors';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../stats/bootstrap';
import { MIN_RESPONDENTS } from '../stats/small-cells';
import { recordAudit } from './audit';
import { getCampaignRow } from './campaigns';
import { satisfactionOf } from './score-details';
import { reportLabels, scoresReportXlsx } from './score-exports';
import { computeScores } from './scores';
import { loadScoringInputs } from './score-inputs';

/**
 * Publishing (docs/SCORING.md "Publishing"): a numbered version freezes the `/scores` view as
 * the exact text served, with the method settings, the exclusions and a hash of the inputs,
 * and the SIPAS view (`/satisfaction`) as text, for the version's workbook for people.
 * Rows are only ever inserted; a later response or a changed exclusion needs a new version.
 */

/** `latest` or a version number, as the routes accept it. */
export type VersionRef = number | 'latest';

async function inputsOf(db: DbOrTx, campaignId: string) {
  const inputs = await loadScoringInputs(db, campaignId); // campaign.not_found first
  const settings = {
    missingPolicy: inputs.model.missingPolicy,
    bootstrap: { resamples: DEFAULT_RESAMPLES, seed: DEFAULT_SEED },
    smallCellMinimum: MIN_RESPONDENTS,
    criteria: inputs.model.criteria.map((c) => ({ code: c.code, maxPoints: c.maxPoints })),
    groupWeights: [...inputs.model.groupWeights].sort(([a], [b]) => (a < b ? -1 : 1)),
    quotaMinimums: [...inputs.model.minRespondents]
      .flatMap(([unit, byGroup]) => [...byGroup].map(([group, min]) => [unit, group, min] as const))
      .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1)),
    questionnaires: inputs.versions.map((q) => `${q.id}@${q.version}`),
  };
  return { inputs, settings };
}

/**
 * SHA-256 of everything a version's figures are computed from: the method settings, every
 * stored response by id and content hash, and the excluded ids. Equal hashes, equal figures.
 */
async function inputsHashOf(db: DbOrTx, campaignId: string, settings: object, excluded: readonly string[]): Promise<{ hash: string; responses: number }> {
  const rows = await queryRows<{ id: string; h: string }>(
    db,
    sql`SELECT id::text AS id, content_hash AS h FROM responses WHERE campaign_id = ${campaignId} ORDER BY id`,
  );
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ campaignId, settings, excluded }));
  for (const r of rows) hash.update(`\n${r.id}:${r.h}`);
  return { hash: hash.digest('hex'), responses: rows.length };
}

export async function publish(tx: DbOrTx, campaignId: string, actor: StaffUser, now: Date): Promise<Publication> {
  const { inputs, settings } = await inputsOf(tx, campaignId);
  const scores = { ...(await computeScores(tx, inputs)), computedAt: now.toISOString() };
  const satisfaction = await satisfactionOf(tx, inputs);
  const { hash, responses } = await inputsHashOf(tx, campaignId, settings, inputs.excluded);
  const exclusions = await tx
    .select({ responseId: responseReviews.responseId, reason: responseReviews.reason })
    .from(responseReviews)
    .where(and(eq(responseReviews.campaignId, campaignId), eq(responseReviews.status, 'excluded')))
    .orderBy(asc(responseReviews.responseId));
  const [last] = await tx
    .select({ version: publications.version })
    .from(publications)
    .where(eq(publications.campaignId, campaignId))
    .orderBy(desc(publications.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  // Two publishers at once: the second insert hits the primary key (409 db.conflict), never a shared number.
  await tx.insert(publications).values({
    campaignId,
    version,
    publishedAt: now,
    publishedBy: actor.id,
    publishedByName: actor.username,
    inputsHash: hash,
    responses,
    excluded: exclusions.length,
    settings,
    exclusions,
    scores: JSON.stringify(ScoresView.parse(scores)),
    sipasJson: JSON.stringify(SatisfactionView.parse(satisfaction)),
  });
  await recordAudit(tx, { actor, action: 'scores.publish', target: `campaign:${campaignId}`, detail: { version, inputsHash: hash, excluded: exclusions.length } });
  return { version, publishedAt: now.toISOString(), inputsHash: hash };
}

const summaryColumns = {
  version: publications.version,
  publishedAt: publications.publishedAt,
  publishedBy: publications.publishedByName,
  inputsHash: publications.inputsHash,
  responses: publications.responses,
  excluded: publications.excluded,
};

const toSummary = (r: { version: number; publishedAt: Date; publishedBy: string; inputsHash: string; responses: number; excluded: number }): PublicationSummary => ({
  ...r,
  publishedAt: r.publishedAt.toISOString(),
});

export async function listPublications(db: DbOrTx, campaignId: string): Promise<PublicationSummary[]> {
  await getCampaignRow(db, campaignId); // campaign.not_found
  const rows = await db.select(summaryColumns).from(publications).where(eq(publications.campaignId, campaignId)).orderBy(asc(publications.version));
  return rows.map(toSummary);
}

async function findVersion(db: DbOrTx, campaignId: string, ref: VersionRef) {
  const where = ref === 'latest' ? eq(publications.campaignId, campaignId) : and(eq(publications.campaignId, campaignId), eq(publications.version, ref));
  const [row] = await db
    .select({ ...summaryColumns, scores: publications.scores, sipasJson: publications.sipasJson })
    .from(publications)
    .where(where)
    .orderBy(desc(publications.version))
    .limit(1);
  if (!row) throw new AppError('publication.not_found', ref === 'latest' ? 'Đợt khảo sát chưa công bố phiên bản nào' : `Không có phiên bản ${ref}`);
  return row;
}

/** The frozen text of a version's scores: the same bytes on every read. */
export async function publishedScoresText(db: DbOrTx, campaignId: string, ref: VersionRef): Promise<{ version: number; text: string }> {
  const row = await findVersion(db, campaignId, ref);
  return { version: row.version, text: row.scores };
}

export async function publishedScores(db: DbOrTx, campaignId: string, ref: VersionRef): Promise<{ version: number; scores: ScoresView }> {
  const { version, text } = await publishedScoresText(db, campaignId, ref);
  return { version, scores: ScoresView.parse(JSON.parse(text)) };
}

/**
 * The workbook for people (score-exports.ts `scoresReportXlsx`) of a published version: every
 * figure from the frozen text, names from the campaign, the version and its day in the title,
 * SIPAS from the view frozen beside it (null for a version published before migration 0008:
 * the SIPAS sheet then says this version froze no SIPAS figures, rather than showing today's).
 */
export async function publishedScoresReport(db: DbOrTx, campaignId: string, ref: VersionRef): Promise<{ version: number; book: Buffer }> {
  const row = await findVersion(db, campaignId, ref);
  const scores = ScoresView.parse(JSON.parse(row.scores));
  const [campaign, inputs] = [await getCampaignRow(db, campaignId), await loadScoringInputs(db, campaignId)];
  const labels = reportLabels(campaign.name, inputs.model, { version: row.version, publishedAt: row.publishedAt.toISOString() });
  const satisfaction = row.sipasJson === null ? null : SatisfactionView.parse(JSON.parse(row.sipasJson));
  return { version: row.version, book: await scoresReportXlsx(scores, labels, satisfaction) };
}

const change = (from: number | null | undefined, to: number | null | undefined) => ({ from: from ?? null, to: to ?? null });

/** What changed between two versions, unit by unit, in the later version's unit order. */
export async function diffPublications(db: DbOrTx, campaignId: string, a: number, b: number): Promise<PublicationDiff> {
  const [from, to] = [await findVersion(db, campaignId, a), await findVersion(db, campaignId, b)];
  const before = ScoresView.parse(JSON.parse(from.scores));
  const after = ScoresView.parse(JSON.parse(to.scores));
  const beforeById = new Map(before.units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  const units: UnitDiff[] = [];
  for (const u of [...after.units, ...before.units]) {
    if (seen.has(u.unitId)) continue;
    seen.add(u.unitId);
    const x = beforeById.get(u.unitId);
    const y = after.units.find((v) => v.unitId === u.unitId);
    const criteriaIds = [...new Set([...(x?.criteria ?? []), ...(y?.criteria ?? [])].map((c) => c.criterionId))];
    const criteria = criteriaIds.flatMap((id) => {
      const p = x?.criteria.find((c) => c.criterionId === id)?.points ?? null;
      const q = y?.criteria.find((c) => c.criterionId === id)?.points ?? null;
      return p === q ? [] : [{ criterionId: id, from: p, to: q }];
    });
    const flagsX = new Set(x?.flags.map((f) => f.code) ?? []);
    const flagsY = new Set(y?.flags.map((f) => f.code) ?? []);
    const diff: UnitDiff = {
      unitId: u.unitId,
      code: u.code,
      name: u.name,
      changed: false,
      percent: change(x?.percent, y?.percent),
      points: change(x?.points, y?.points),
      rank: change(x?.rank, y?.rank),
      respondents: change(x?.respondents, y?.respondents),
      excluded: change(x?.excluded, y?.excluded),
      ci95: { from: x?.ci95 ?? null, to: y?.ci95 ?? null },
      criteria,
      flagsAdded: [...flagsY].filter((f) => !flagsX.has(f)),
      flagsRemoved: [...flagsX].filter((f) => !flagsY.has(f)),
    };
    diff.changed =
      criteria.length > 0 ||
      diff.flagsAdded.length > 0 ||
      diff.flagsRemoved.length > 0 ||
      [diff.percent, diff.points, diff.rank, diff.respondents, diff.excluded].some((c) => c.from !== c.to) ||
      JSON.stringify(diff.ci95.from) !== JSON.stringify(diff.ci95.to);
    units.push(diff);
  }
  const summary = ({ scores: _scores, sipasJson: _sipas, ...rest }: typeof from) => toSummary(rest);
  return { from: summary(from), to: summary(to), units };
}

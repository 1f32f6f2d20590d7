import { and, desc, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type AuditDetail, auditLog, campaigns, campaignUnits, integrationTokens, questionnaireVersions, users } from '../../db/schema';
import type { StaffUser } from '../plugins/auth';

/**
 * The audit log of administrative actions (docs/DATA-MODEL.md "audit_log"). Record inside the
 * transaction that makes the change, so an action is logged if and only if it happened.
 * Never pass an invitation code, an answer, a password or a token in `detail`.
 */
export interface AuditEntry {
  /** Who acted; null for the system itself (start-up, demo loading). */
  actor: Pick<StaffUser, 'id' | 'username'> | null;
  /** A stable dotted verb, e.g. `user.create`, `campaign.status`, `invitations.void`. */
  action: string;
  /** What was acted on: `user:<id>`, `campaign:<id>`, `unit:<id>`, `integration_token:<id>`, `response:<id>` or `questionnaire:<id>@<version>` (named by `listAudit`, except responses). */
  target: string;
  detail?: AuditDetail;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.username ?? 'system',
    action: entry.action,
    target: entry.target,
    detail: entry.detail ?? {},
  });
}

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  target: string;
  /** The target as people know it today (campaign name, account, unit name, questionnaire title); null when it no longer exists. */
  targetName: string | null;
  detail: AuditDetail;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids of one kind of target (`kind:<id>`), keeping only well-formed uuids for uuid columns. */
function idsOf(targets: readonly string[], kind: string, uuid: boolean): string[] {
  const ids = targets.filter((t) => t.startsWith(`${kind}:`)).map((t) => t.slice(kind.length + 1));
  return [...new Set(uuid ? ids.filter((id) => UUID.test(id)) : ids)];
}

/**
 * Names for the targets of a page of the log, one query per kind of target (at most five,
 * whatever the page size). Read now, so a renamed campaign shows its current name.
 */
async function targetNames(db: DbOrTx, targets: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const campaignIds = idsOf(targets, 'campaign', true);
  if (campaignIds.length > 0) {
    for (const c of await db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, campaignIds))) names.set(`campaign:${c.id}`, c.name);
  }
  const userIds = idsOf(targets, 'user', true);
  if (userIds.length > 0) {
    for (const u of await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(inArray(users.id, userIds))) {
      names.set(`user:${u.id}`, u.displayName ? `${u.displayName} (${u.username})` : u.username);
    }
  }
  const unitIds = idsOf(targets, 'unit', true);
  if (unitIds.length > 0) {
    for (const u of await db.select({ id: campaignUnits.id, name: campaignUnits.name, code: campaignUnits.code }).from(campaignUnits).where(inArray(campaignUnits.id, unitIds))) {
      names.set(`unit:${u.id}`, `${u.name} (${u.code})`);
    }
  }
  const tokenIds = idsOf(targets, 'integration_token', true);
  if (tokenIds.length > 0) {
    for (const k of await db.select({ id: integrationTokens.id, label: integrationTokens.label }).from(integrationTokens).where(inArray(integrationTokens.id, tokenIds))) names.set(`integration_token:${k.id}`, k.label);
  }
  // A response has no name: it stays `response:<id>`.
  // questionnaire:<id>@<version>: the title of that very version.
  const versions = idsOf(targets, 'questionnaire', false)
    .map((s) => /^(.+)@(\d+)$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null);
  const qIds = [...new Set(versions.map((m) => m[1] ?? ''))];
  if (qIds.length > 0) {
    const rows = await db
      .select({ id: questionnaireVersions.questionnaireId, version: questionnaireVersions.version, title: sql<string>`${questionnaireVersions.definition}->>'title'` })
      .from(questionnaireVersions)
      .where(and(inArray(questionnaireVersions.questionnaireId, qIds), inArray(questionnaireVersions.version, [...new Set(versions.map((m) => Number(m[2])))])));
    for (const q of rows) names.set(`questionnaire:${q.id}@${q.version}`, `${q.title} (v${q.version})`);
  }
  return names;
}

/** Newest first, each target with its name (docs/API.md §11). */
export async function listAudit(db: DbOrTx, limit: number): Promise<AuditRecord[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
  const names = await targetNames(
    db,
    rows.map((r) => r.target),
  );
  return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actorName, action: r.action, target: r.target, targetName: names.get(r.target) ?? null, detail: r.detail }));
}

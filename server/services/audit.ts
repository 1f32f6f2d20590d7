import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type AuditDetail, auditLog } from '../../db/schema';
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
  /** What was acted on, e.g. `user:<id>`, `campaign:<id>`. */
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
  detail: AuditDetail;
}

/** Newest first. */
export async function listAudit(db: DbOrTx, limit: number): Promise<AuditRecord[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
  return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actorName, action: r.action, target: r.target, detail: r.detail }));
}

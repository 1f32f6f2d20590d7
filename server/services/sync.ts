import { type Db, withTransaction } from '../../db/client';
import type { SyncResult } from '../../survey-forms/src';
import { assignedUnitIds } from './campaigns';
import { versionKey } from './campaign-context';
import type { CampaignContextCache } from './sync-context-cache';
import { type ParsedItem, type PreparedItem, type SyncCredential, checkItem, parseItem, rejection } from './sync-check';
import { BallotNotHeld, holdBallot, knownOutcomes } from './ballot-box';
import { storeBatch, withRetry } from './sync-store';

/**
 * POST /api/sync (docs/API.md §8 sync, docs/SYNC.md): one result per item, in order. Items are
 * parsed and checked one by one in memory, ids already stored are answered duplicate or
 * conflict, and the rest are stored together (services/sync-store.ts). This entry decides the
 * transactions (docs/ARCHITECTURE.md §5): one per staff batch, one per invitation item, each
 * retried whole on deadlock or serialization failure.
 */
export async function syncResponses(db: Db, contexts: CampaignContextCache, cred: SyncCredential, items: readonly unknown[]): Promise<SyncResult[]> {
  const results: (SyncResult | undefined)[] = new Array(items.length);
  const parsed: ParsedItem[] = [];
  // A repeated id inside one batch is answered relative to its first occurrence.
  const firstIndex = new Map<string, number>();
  const repeats: ParsedItem[] = [];
  items.forEach((raw, index) => {
    const item = parseItem(raw, index);
    if ('status' in item) results[index] = item;
    else if (firstIndex.has(item.response.id)) repeats.push(item);
    else {
      firstIndex.set(item.response.id, index);
      parsed.push(item);
    }
  });

  // Retries are the common case after a lost reply: answer them before any other work.
  const existing = await knownOutcomes(db, parsed);
  const fresh: ParsedItem[] = [];
  for (const item of parsed) {
    const known = existing.get(item.response.id);
    if (known) results[item.index] = known;
    else fresh.push(item);
  }

  const prepared = await checkAll(db, contexts, cred, fresh, results);
  if (cred.kind === 'staff') {
    const stored = prepared.length ? await withRetry(() => withTransaction(db, (tx) => storeBatch(tx, prepared))) : new Map<string, SyncResult>();
    for (const item of prepared) results[item.index] = stored.get(item.response.id);
  } else {
    // One code, one response: the first valid item may consume it, any other is refused.
    let consumed = cred.invitation.used;
    for (const item of prepared) {
      if (consumed) {
        results[item.index] = rejection(item.response.id, 'invitation.used', 'Mã mời đã được sử dụng');
        continue;
      }
      const result = await holdInvitationBallot(db, item, cred.invitation);
      results[item.index] = result;
      // Only an accepted item (or losing the race to another tab) uses the code up.
      consumed = result.status === 'accepted' || result.code === 'invitation.used';
    }
  }

  for (const item of repeats) {
    const first = results[firstIndex.get(item.response.id) ?? -1];
    const same = parsed.find((p) => p.response.id === item.response.id)?.contentHash === item.contentHash;
    const stored = first?.status === 'accepted' || first?.status === 'duplicate';
    if (same && first) results[item.index] = stored ? { id: item.response.id, status: 'duplicate' } : { ...first };
    else if (stored) results[item.index] = { id: item.response.id, status: 'conflict', code: 'sync.conflict', detail: 'Cùng mã phiếu, nội dung khác trong cùng lô' };
    else results[item.index] = rejection(item.response.id, 'sync.invalid_response', 'Mã phiếu lặp lại trong cùng lô với nội dung khác');
  }
  return results.map((r, i) => r ?? rejection('', 'sync.invalid_response', `Phiếu thứ ${i} không được xử lý`));
}

/** Checks each fresh item against its campaign (cached context) and the sender's scope. */
async function checkAll(db: Db, contexts: CampaignContextCache, cred: SyncCredential, fresh: ParsedItem[], results: (SyncResult | undefined)[]): Promise<PreparedItem[]> {
  const prepared: PreparedItem[] = [];
  const assigned = new Map<string, Set<string>>();
  for (const item of fresh) {
    const r = item.response;
    let ctx = await contexts.get(db, r.campaignId);
    if (ctx && !ctx.questionnaires.has(versionKey(r.questionnaireId, r.questionnaireVersion))) ctx = await contexts.get(db, r.campaignId, true);
    if (!ctx) {
      results[item.index] = rejection(r.id, 'campaign.not_found', `Không có đợt khảo sát ${r.campaignId}`);
      continue;
    }
    let units = assigned.get(r.campaignId);
    if (!units) {
      units = cred.kind === 'staff' && cred.user.role === 'collector' ? await assignedUnitIds(db, r.campaignId, cred.user.id) : new Set<string>();
      assigned.set(r.campaignId, units);
    }
    const checked = checkItem(item, ctx, cred, units);
    if ('status' in checked) results[item.index] = checked;
    else prepared.push(checked);
  }
  return prepared;
}

/**
 * One invitation item in a transaction of its own (the ballot and its code, docs/PRIVACY.md);
 * when the code was used or the id stored meanwhile, that transaction rolls back and the item
 * is answered from what is stored: a retry of the response that used the code is a duplicate.
 */
async function holdInvitationBallot(db: Db, item: PreparedItem, invitation: { id: string; campaignId: string }): Promise<SyncResult> {
  try {
    return await withRetry(() => withTransaction(db, (tx) => holdBallot(tx, item, invitation)));
  } catch (err) {
    if (!(err instanceof BallotNotHeld)) throw err;
    const id = item.response.id;
    return (await knownOutcomes(db, [item])).get(id) ?? rejection(id, 'invitation.used', 'Mã mời đã được dùng cho một phiếu khác');
  }
}

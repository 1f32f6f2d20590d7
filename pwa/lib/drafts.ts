import { buildResponse, sectionProblems } from './answers';
import type { Outbox, OutboxItem } from './outbox';

/**
 * The life of a draft, the same for every screen that starts one (the respondent's invitation,
 * a collector's interview or paper form): created with a fresh device id and its start time,
 * saved after every answer, finished in one order. The data lives in lib/outbox.ts.
 */

/** What a screen knows when it starts a form; the id, the times and the empty answers are minted here. */
export type DraftStart = Pick<OutboxItem, 'owner' | 'channel' | 'campaignId' | 'campaignName' | 'group' | 'questionnaire' | 'units' | 'paper'>;

/** A new draft, not stored yet: the Response id (v4 UUID) is minted at the start, never at sending. */
export function newDraft(start: DraftStart, now: Date = new Date()): OutboxItem {
  const at = now.toISOString();
  const { paper, ...rest } = start;
  return { id: crypto.randomUUID(), status: 'draft', ...rest, startedAt: at, answers: {}, section: 0, ...(paper ? { paper } : {}), updatedAt: at };
}

/** Stores a new draft, or the draft after an answer or a move between sections. */
export function saveDraft(outbox: Outbox, item: OutboxItem): Promise<void> {
  return outbox.put(item);
}

/** Thrown when a draft is finished with required answers missing or invalid; the screens check each section first. */
export class DraftIncomplete extends Error {}

/**
 * Finishes a draft: checks every section, stamps completedAt, stores the final answers and
 * moves the draft into the send queue with the frozen Response (it is no longer a draft, so
 * it leaves the drafts list). Returns the queued item as stored.
 */
export async function finishDraft(outbox: Outbox, item: OutboxItem, now: Date = new Date()): Promise<OutboxItem | undefined> {
  const missing = item.questionnaire.sections.reduce((n, _s, i) => n + sectionProblems(item, i, { missing: 'missing' }).size, 0);
  if (missing > 0) throw new DraftIncomplete(`draft ${item.id}: ${missing} answers missing or invalid`);
  const response = buildResponse(item, now.toISOString());
  // Finished already (a second click, or another tab): what is queued stays exactly as it is.
  const stored = await outbox.get(item.id);
  if (stored && stored.status !== 'draft') return stored;
  await outbox.put(item);
  await outbox.queue(item.id, response);
  return outbox.get(item.id);
}

/** Deletes a draft the user gave up; queued answers are never deleted (lib/outbox.ts). */
export function discardDraft(outbox: Outbox, id: string): Promise<void> {
  return outbox.discardDraft(id);
}

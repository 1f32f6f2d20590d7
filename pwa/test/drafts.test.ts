import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftIncomplete, finishDraft, newDraft, saveDraft } from '../lib/drafts';
import { openOutbox, type Outbox } from '../lib/outbox';
import { ownForm } from './forms';

/** The one drafts module the three screens use (pwa/lib/drafts.ts), over a fake IndexedDB. */
let names = 0;
const opened: Outbox[] = [];
async function fresh(): Promise<Outbox> {
  const outbox = await openOutbox(`drafts-test-${process.pid}-${++names}`);
  opened.push(outbox);
  return outbox;
}
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

function start() {
  const form = ownForm();
  return { owner: { kind: 'staff' as const, userId: 'u1' }, channel: 'interview' as const, campaignId: 'c1', campaignName: 'Khảo sát thử', group: form.questionnaire.group, ...form };
}

describe('drafts', () => {
  it('starts each draft with a fresh device id, its start time and no answers', () => {
    const at = new Date('2026-11-20T08:00:00.000Z');
    const a = newDraft(start(), at);
    const b = newDraft(start(), at);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).toMatchObject({ status: 'draft', startedAt: at.toISOString(), answers: {}, section: 0 });
    expect(a.paper).toBeUndefined();
    expect(newDraft({ ...start(), channel: 'paper', paper: { stage: 'first', first: {} } }).paper).toEqual({ stage: 'first', first: {} });
  });

  it('finishes in one order: the final answers stored, completedAt stamped, queued, no longer a draft', async () => {
    const outbox = await fresh();
    const draft = newDraft(start(), new Date('2026-11-20T08:00:00.000Z'));
    await saveDraft(outbox, draft);
    const u = draft.units[0]!.id;
    // The last answers reach finish without a save of their own (as the paper comparison hands them over).
    const done = { ...draft, answers: { '|gioi_tinh': 'nu', [`${u}|q1`]: 'A', [`${u}|q2`]: 'B', [`${u}|q3`]: 'E', [`${u}|co_gop_y`]: 'khong' } };
    const queued = await finishDraft(outbox, done, new Date('2026-11-20T08:10:00.000Z'));
    expect(queued).toMatchObject({ status: 'queued', completedAt: '2026-11-20T08:10:00.000Z', answers: done.answers });
    expect(queued?.response).toMatchObject({ id: draft.id, startedAt: '2026-11-20T08:00:00.000Z', completedAt: '2026-11-20T08:10:00.000Z' });
    expect(await outbox.byStatus('draft')).toEqual([]);

    // A second finish (double click, another tab) leaves the frozen response as it was.
    const again = await finishDraft(outbox, done, new Date('2026-11-20T09:00:00.000Z'));
    expect(again?.response).toEqual(queued?.response);
  });

  it('refuses to finish a draft with required answers missing, and keeps it a draft', async () => {
    const outbox = await fresh();
    const draft = newDraft(start());
    await saveDraft(outbox, draft);
    await expect(finishDraft(outbox, draft)).rejects.toBeInstanceOf(DraftIncomplete);
    expect((await outbox.get(draft.id))?.status).toBe('draft');
  });
});

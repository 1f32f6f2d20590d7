import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, EXPORT_FORMAT, openOutbox, type Outbox, type OutboxItem } from '../lib/outbox';
import { crossForm, responseOf } from './forms';

let names = 0;
const opened: Outbox[] = [];
async function fresh(): Promise<{ outbox: Outbox; name: string }> {
  const name = `outbox-test-${process.pid}-${++names}`;
  const outbox = await openOutbox(name);
  opened.push(outbox);
  return { outbox, name };
}
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

function draft(overrides: Partial<OutboxItem> = {}): OutboxItem {
  const form = crossForm();
  return {
    id: randomUUID(),
    status: 'draft',
    owner: { kind: 'invitation', code: 'ABCD2345EF' },
    channel: 'self',
    campaignId: randomUUID(),
    campaignName: 'Khảo sát thử',
    group: form.questionnaire.group,
    questionnaire: form.questionnaire,
    units: form.units,
    startedAt: '2026-11-20T08:00:00.000Z',
    answers: {},
    section: 0,
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  };
}

describe('outbox (IndexedDB)', () => {
  it('keeps a draft with its answers and section across a reopen, as after a reboot', async () => {
    const { outbox, name } = await fresh();
    const item = draft();
    await outbox.put({ ...item, answers: { '|y_kien': 'tốt' }, section: 1 });
    outbox.close();
    const again = await openOutbox(name);
    opened.push(again);
    const back = await again.get(item.id);
    expect(back?.answers).toEqual({ '|y_kien': 'tốt' });
    expect(back?.section).toBe(1);
    expect(back?.status).toBe('draft');
  });

  it('moves a draft through queued to sent, and only drafts can be discarded', async () => {
    const { outbox } = await fresh();
    const item = draft();
    await outbox.put(item);
    const response = responseOf(item);
    await outbox.queue(item.id, response);
    expect((await outbox.byStatus('queued')).map((i) => i.id)).toEqual([item.id]);
    expect((await outbox.get(item.id))?.response).toEqual(response);

    await outbox.discardDraft(item.id);
    expect(await outbox.get(item.id)).toBeDefined();

    await outbox.markSent([item.id], '2026-11-20T09:00:00.000Z');
    const sent = await outbox.get(item.id);
    expect(sent?.status).toBe('sent');
    expect(sent?.sentAt).toBe('2026-11-20T09:00:00.000Z');
    expect(await outbox.byStatus('queued')).toEqual([]);

    const other = draft();
    await outbox.put(other);
    await outbox.discardDraft(other.id);
    expect(await outbox.get(other.id)).toBeUndefined();
  });

  it('sets a rejected response aside with its reason and never marks a draft rejected or sent', async () => {
    const { outbox } = await fresh();
    const queued = draft();
    const stillDraft = draft();
    await outbox.put(queued);
    await outbox.put(stillDraft);
    await outbox.queue(queued.id, responseOf(queued));
    await outbox.markRejected(queued.id, { code: 'sync.invalid_response', detail: 'Phương án không hợp lệ' });
    await outbox.markRejected(stillDraft.id, { code: 'x', detail: 'y' });
    await outbox.markSent([stillDraft.id], '2026-11-20T09:00:00.000Z');
    expect((await outbox.get(queued.id))?.reason).toEqual({ code: 'sync.invalid_response', detail: 'Phương án không hợp lệ' });
    expect((await outbox.get(queued.id))?.status).toBe('rejected');
    expect((await outbox.get(stillDraft.id))?.status).toBe('draft');
  });

  it('exports queued and rejected responses and imports them on another device as queued, once', async () => {
    const a = (await fresh()).outbox;
    const b = (await fresh()).outbox;
    const items = [draft(), draft(), draft()];
    for (const i of items) await a.put(i);
    await a.queue(items[0]!.id, responseOf(items[0]!));
    await a.queue(items[1]!.id, responseOf(items[1]!));
    await a.markRejected(items[1]!.id, { code: 'sync.conflict', detail: 'khác nội dung' });

    const file = JSON.parse(JSON.stringify(await a.exportQueue())) as Awaited<ReturnType<Outbox['exportQueue']>>;
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.items.map((i) => i.id).sort()).toEqual([items[0]!.id, items[1]!.id].sort());

    expect(await b.importQueue(file)).toBe(2);
    expect(await b.importQueue(file)).toBe(0);
    const imported = await b.byStatus('queued');
    expect(imported.map((i) => i.id).sort()).toEqual([items[0]!.id, items[1]!.id].sort());
    expect(imported.find((i) => i.id === items[0]!.id)?.response).toEqual(responseOf(items[0]!));
    await expect(b.importQueue({ ...file, format: 'other' as typeof EXPORT_FORMAT })).rejects.toThrow();
  });

  it('keeps key-value records (session, downloaded campaigns)', async () => {
    const { outbox } = await fresh();
    await outbox.kvSet('session', { token: 't', expired: false });
    expect(await outbox.kvGet('session')).toEqual({ token: 't', expired: false });
    await outbox.kvDelete('session');
    expect(await outbox.kvGet('session')).toBeUndefined();
  });

  it('tells listeners about changes', async () => {
    const { outbox } = await fresh();
    let calls = 0;
    const stop = outbox.onChange(() => calls++);
    await outbox.put(draft());
    stop();
    await outbox.put(draft());
    expect(calls).toBe(1);
  });

  it('migrates a version 1 database without losing what it holds', async () => {
    const name = `outbox-v1-${process.pid}`;
    const item = draft({ status: 'queued' });
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('items', { keyPath: 'id' });
        db.createObjectStore('kv');
      },
    });
    await v1.put('items', item);
    await v1.put('kv', { token: 'old' }, 'session');
    v1.close();

    const outbox = await openOutbox(name);
    opened.push(outbox);
    expect(DB_VERSION).toBeGreaterThan(1);
    expect((await outbox.byStatus('queued')).map((i) => i.id)).toEqual([item.id]);
    expect(await outbox.kvGet('session')).toEqual({ token: 'old' });
  });
});

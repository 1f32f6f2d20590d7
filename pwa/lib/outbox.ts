import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { UnitView } from '../../survey-forms/src/api';
import type { GroupCode, Role } from '../../survey-forms/src/codes';
import type { Questionnaire } from '../../survey-forms/src/questionnaire';
import type { AnswerValue, Channel, Response } from '../../survey-forms/src/response';
import { DB_NAME } from './outbox-name';

/**
 * The one owner of IndexedDB on the device (docs/ARCHITECTURE.md §11 local storage and fetch). Every response lives here
 * from the moment it is started until the server has it: drafts, the send queue, what was
 * sent and what the server set aside. Writes are awaited so "saved" means saved.
 */
export type ItemStatus = 'draft' | 'queued' | 'sent' | 'rejected';

/** Whose response it is, and so which credential sends it. */
export type Owner = { kind: 'staff'; userId: string } | { kind: 'invitation'; code: string };

/** Answers being given, keyed by answerKey(questionId, unitId) of lib/answers.ts. */
export type AnswerMap = Record<string, AnswerValue>;

/** Double entry of a paper form: the first keying is kept aside while the form is keyed again. */
export interface PaperState {
  stage: 'first' | 'second' | 'compare';
  first: AnswerMap;
}

export interface OutboxItem {
  /** The Response id, minted when the form is started (v4 UUID). */
  id: string;
  status: ItemStatus;
  owner: Owner;
  channel: Channel;
  campaignId: string;
  campaignName: string;
  group: GroupCode;
  /** The exact questionnaire version answered, kept with the answers so a newer version never rewrites them. */
  questionnaire: Questionnaire;
  /** Units this respondent rates (the validator's scope). */
  units: UnitView[];
  startedAt: string;
  completedAt?: string;
  answers: AnswerMap;
  /** Where the respondent stopped, so reopening resumes there. */
  section: number;
  paper?: PaperState;
  /** Frozen when queued: exactly what is sent, so every retry is byte-for-byte the same. */
  response?: Response;
  reason?: { code: string; detail: string };
  updatedAt: string;
  sentAt?: string;
}

export interface Session {
  /** The access token: minutes long (docs/SECURITY.md "Sessions"), renewed by lib/staff-refresh.ts. */
  token: string;
  /** Single use: buys the next access token and is replaced by the reply. Absent in sessions stored before refresh tokens existed. */
  refreshToken?: string;
  /** `mustChangePassword`: a printed or admin-reset password the user is asked to replace first. */
  user: { id: string; username: string; role: Role; mustChangePassword?: boolean };
  /** Set when the server answered 401: the queue is kept and the user asked to log in again. */
  expired: boolean;
}

interface OutboxSchema extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { status: ItemStatus } };
  kv: { key: string; value: unknown };
}

/**
 * Local schema version. Each step upgrades from the version before it; a new app version
 * adds a step and never drops a store that holds answers.
 */
export const DB_VERSION = 2;
type UpgradeTx = IDBPTransaction<OutboxSchema, ArrayLike<StoreNames<OutboxSchema>>, 'versionchange'>;
const MIGRATIONS: ((db: IDBPDatabase<OutboxSchema>, tx: UpgradeTx) => void)[] = [
  // 0 → 1: the two stores.
  (db) => {
    db.createObjectStore('items', { keyPath: 'id' });
    db.createObjectStore('kv');
  },
  // 1 → 2: find the queue without reading every sent response.
  (_db, tx) => {
    tx.objectStore('items').createIndex('status', 'status');
  },
];

export const EXPORT_FORMAT = 'par-survey-outbox';

export interface QueueFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  items: OutboxItem[];
}

export interface Outbox {
  get(id: string): Promise<OutboxItem | undefined>;
  /** Stores the item as given (stamping updatedAt). */
  put(item: OutboxItem): Promise<void>;
  all(): Promise<OutboxItem[]>;
  byStatus(status: ItemStatus): Promise<OutboxItem[]>;
  /** Only drafts may be deleted by the user; queued data is deleted by nobody. */
  discardDraft(id: string): Promise<void>;
  queue(id: string, response: Response): Promise<void>;
  markSent(ids: string[], at: string): Promise<void>;
  markRejected(id: string, reason: { code: string; detail: string }): Promise<void>;
  kvGet<T>(key: string): Promise<T | undefined>;
  kvSet(key: string, value: unknown): Promise<void>;
  kvDelete(key: string): Promise<void>;
  exportQueue(): Promise<QueueFile>;
  /** Adds queued items this device does not hold yet; returns how many were added. */
  importQueue(file: QueueFile): Promise<number>;
  /** Called after any change here or in another tab. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): void;
}

export { DB_NAME };

export async function openOutbox(name = DB_NAME, hooks: { onBlocking?: () => void } = {}): Promise<Outbox> {
  const db = await openDB<OutboxSchema>(name, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(database, tx);
    },
    // A newer app version in another tab wants to migrate: let it, then follow it.
    blocking() {
      db.close();
      hooks.onBlocking?.();
    },
  });
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${name}-changes`);
  const notify = (remote: boolean) => {
    for (const l of listeners) l();
    if (!remote) channel?.postMessage('changed');
  };
  if (channel) channel.onmessage = () => notify(true);

  const now = () => new Date().toISOString();
  async function update(id: string, change: (item: OutboxItem) => OutboxItem | null): Promise<void> {
    const tx = db.transaction('items', 'readwrite');
    const item = await tx.store.get(id);
    const next = item ? change(item) : null;
    if (next) await tx.store.put({ ...next, updatedAt: now() });
    await tx.done;
  }

  const outbox: Outbox = {
    get: (id) => db.get('items', id),
    async put(item) {
      await db.put('items', { ...item, updatedAt: now() });
      notify(false);
    },
    all: () => db.getAll('items'),
    byStatus: (status) => db.getAllFromIndex('items', 'status', status),
    async discardDraft(id) {
      const tx = db.transaction('items', 'readwrite');
      const item = await tx.store.get(id);
      if (item?.status === 'draft') await tx.store.delete(id);
      await tx.done;
      notify(false);
    },
    async queue(id, response) {
      await update(id, (item) => (item.status === 'draft' ? { ...item, status: 'queued', response, completedAt: response.completedAt } : null));
      notify(false);
    },
    async markSent(ids, at) {
      const tx = db.transaction('items', 'readwrite');
      for (const id of ids) {
        const item = await tx.store.get(id);
        if (item && item.status === 'queued') await tx.store.put({ ...item, status: 'sent', sentAt: at, updatedAt: now() });
      }
      await tx.done;
      notify(false);
    },
    async markRejected(id, reason) {
      await update(id, (item) => (item.status === 'queued' ? { ...item, status: 'rejected', reason } : null));
      notify(false);
    },
    kvGet: async <T>(key: string) => (await db.get('kv', key)) as T | undefined,
    async kvSet(key, value) {
      await db.put('kv', value, key);
      notify(false);
    },
    async kvDelete(key) {
      await db.delete('kv', key);
      notify(false);
    },
    async exportQueue() {
      const items = [...(await outbox.byStatus('queued')), ...(await outbox.byStatus('rejected'))];
      return { format: EXPORT_FORMAT, schemaVersion: DB_VERSION, exportedAt: now(), items };
    },
    async importQueue(file) {
      if (file.format !== EXPORT_FORMAT || !Array.isArray(file.items)) throw new Error('not a par-survey queue file');
      const tx = db.transaction('items', 'readwrite');
      let added = 0;
      for (const item of file.items) {
        if (!item.response || (item.status !== 'queued' && item.status !== 'rejected')) continue;
        if (await tx.store.get(item.id)) continue;
        // Everything imported is sent again: the server answers duplicate for what it already has.
        await tx.store.put({ ...item, status: 'queued', reason: undefined, updatedAt: now() });
        added++;
      }
      await tx.done;
      notify(false);
      return added;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      channel?.close();
      db.close();
    },
  };
  return outbox;
}

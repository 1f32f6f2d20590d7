import type { Response } from '../../survey-forms/src/response';
import { openOutbox, type Outbox, type OutboxItem, type Owner, type Session } from '../lib/outbox';
import { SESSION_KEY } from '../lib/sync';

/** Outboxes the sync tests fill by hand, as the app's forms would, shared so each test file does not write its own. */

let opened = 0;

/** A fresh outbox: an IndexedDB database of its own, named after `prefix`, with no session (a respondent's device). */
export function openFreshOutbox(prefix: string): Promise<Outbox> {
  return openOutbox(`${prefix}-${process.pid}-${++opened}`);
}

/** A fresh outbox signed in as `user` with `token`. */
export async function openSignedInOutbox(prefix: string, token: string, user: Session['user']): Promise<Outbox> {
  const outbox = await openFreshOutbox(prefix);
  await outbox.kvSet(SESSION_KEY, { token, user, expired: false } satisfies Session);
  return outbox;
}

/** Puts a finished response to `questionnaire` in the queue, as the form does when the respondent submits. */
export async function queueResponse(outbox: Outbox, response: Response, questionnaire: OutboxItem['questionnaire'], owner: Owner): Promise<void> {
  const item: OutboxItem = {
    id: response.id,
    status: 'draft',
    owner,
    channel: response.channel,
    campaignId: response.campaignId,
    campaignName: 'test',
    group: response.group,
    questionnaire,
    units: [],
    startedAt: response.startedAt,
    answers: {},
    section: 0,
    updatedAt: new Date().toISOString(),
  };
  await outbox.put(item);
  await outbox.queue(item.id, response);
}

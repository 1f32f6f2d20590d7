import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { StaffNav } from '../components/staff-nav';
import { formatTime } from '../lib/i18n';
import { sst } from '../components/send-status-text';
import { st } from '../lib/strings/staff';
import type { ItemStatus, QueueFile } from '../lib/outbox';
import { navigate } from '../lib/router';
import { getSession } from '../lib/session';
import { getOutbox, getScheduler, syncState } from '../lib/store';
import { draftLabel } from './collect';
import { ft } from './collect-text';

const ORDER: ItemStatus[] = ['rejected', 'queued', 'draft', 'sent'];

/** `/outbox`: every response on the device by status, with reasons, sync controls and the file fallback. */
export function OutboxScreen() {
  const [data, { refetch }] = createResource(async () => {
    const outbox = await getOutbox();
    const items = (await outbox.all()).sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || b.updatedAt.localeCompare(a.updatedAt));
    return { items, session: await getSession(outbox) };
  });
  const [note, setNote] = createSignal<string>();
  const [now, setNow] = createSignal(Date.now());
  let unsubscribe: (() => void) | undefined;
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onMount(async () => {
    unsubscribe = (await getOutbox()).onChange(() => void refetch());
    void getScheduler();
  });
  onCleanup(() => (unsubscribe?.(), clearInterval(tick)));
  const count = (s: ItemStatus) => data()?.items.filter((i) => i.status === s).length ?? 0;

  const exportFile = async () => {
    const file = await (await getOutbox()).exportQueue();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    a.download = `par-survey-hang-doi-${file.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const added = await (await getOutbox()).importQueue(JSON.parse(await file.text()) as QueueFile);
      setNote(st().imported(added));
      void (await getScheduler()).syncNow();
    } catch {
      setNote(st().importFailed);
    }
    input.value = '';
  };
  const retryIn = () => {
    const at = syncState().nextAttemptAt;
    return at && at > now() ? Math.ceil((at - now()) / 1000) : 0;
  };

  return (
    <>
      <StaffNav session={data()?.session} />
      <section class="card">
        <h1>{st().outbox}</h1>
        <p data-testid="counts">
          <For each={ORDER}>
            {(s) => (
              <span class={`tag ${s}`} data-status={s}>
                {st()[`st_${s}`]}: {count(s)}
              </span>
            )}
          </For>
        </p>
        <Show when={syncState().lastSyncAt}>{(at) => <p class="muted">{st().lastSync(formatTime(at()))}</p>}</Show>
        <Show when={retryIn() > 0}>
          <p class="muted" role="status">
            {st().nextTry(retryIn())}
          </p>
        </Show>
        <div class="row-actions">
          <button type="button" class="btn" disabled={syncState().running} onClick={() => void getScheduler().then((s) => s.syncNow())}>
            {syncState().running ? sst().syncing : st().syncNow}
          </button>
          <button type="button" class="btn secondary" onClick={() => void exportFile()}>
            {st().exportQueue}
          </button>
          <label class="btn secondary">
            {st().importQueue}
            <input type="file" accept="application/json,.json" hidden onChange={(e) => void importFile(e.currentTarget)} />
          </label>
        </div>
        <Show when={note()}>
          <p role="status">{note()}</p>
        </Show>
      </section>
      <section class="card">
        <ul class="list" data-testid="outbox-items">
          <For each={data()?.items}>
            {(item) => (
              <li data-id={item.id} data-status={item.status}>
                <span class={`tag ${item.status}`}>{st()[`st_${item.status}`]}</span>{' '}
                <Show when={item.status === 'draft' && item.owner.kind === 'staff'} fallback={draftLabel(item)}>
                  <a href={`/collect/d/${item.id}`} onClick={(e) => (e.preventDefault(), navigate(`/collect/d/${item.id}`))}>
                    {draftLabel(item)}
                  </a>
                </Show>
                <div class="muted">
                  {st()[`channel_${item.channel}`]} · {formatTime(item.completedAt ?? item.startedAt)}
                  <Show when={item.sentAt}>{(at) => ` · ${sst().sentOk} ${formatTime(at())}`}</Show>
                </div>
                <Show when={item.reason}>
                  {(r) => (
                    <p class="err">
                      <strong>{ft().refused[r().code] ?? ft().refusedOther}:</strong> {r().detail}{' '}
                      <span class="muted">
                        ({ft().technical} {r().code})
                      </span>
                    </p>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </>
  );
}

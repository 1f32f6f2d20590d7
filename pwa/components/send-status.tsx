import { createResource, Match, onCleanup, Show, Switch } from 'solid-js';
import { sst } from './send-status-text';
import { getOutbox, getScheduler, syncState } from '../lib/store';

/** Says plainly whether a submitted response has reached the server, and follows it until it has. */
export function SendStatus(props: { id: string }) {
  const [item, { refetch }] = createResource(
    () => props.id,
    async (id) => (await getOutbox()).get(id),
  );
  let unsubscribe: (() => void) | undefined;
  void getOutbox().then((outbox) => (unsubscribe = outbox.onChange(() => void refetch())));
  onCleanup(() => unsubscribe?.());
  const sendNow = async () => {
    await (await getScheduler().catch(() => undefined))?.syncNow();
    await refetch();
  };
  return (
    <section class="card" aria-live="polite">
      <h1>{sst().thanks}</h1>
      <Switch>
        <Match when={item()?.status === 'sent'}>
          <p class="ok" data-status="sent">
            ✓ {sst().sentOk}
          </p>
        </Match>
        <Match when={item()?.status === 'rejected'}>
          <p class="err" data-status="rejected">
            {sst().rejected}: {item()?.reason?.detail}
          </p>
        </Match>
        <Match when={item()?.status === 'queued'}>
          <p class="warn" data-status="queued">
            {sst().pending}
          </p>
          <p class="muted">{sst().pendingHint}</p>
          <button type="button" class="btn" disabled={syncState().running} onClick={() => void sendNow()}>
            <Show when={syncState().running} fallback={sst().sendNow}>
              {sst().syncing}
            </Show>
          </button>
        </Match>
      </Switch>
    </section>
  );
}

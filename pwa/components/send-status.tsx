import { createResource, Match, onCleanup, Show, Switch } from 'solid-js';
import { t } from '../lib/i18n';
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
      <h1>{t().thanks}</h1>
      <Switch>
        <Match when={item()?.status === 'sent'}>
          <p class="ok" data-status="sent">
            ✓ {t().sentOk}
          </p>
        </Match>
        <Match when={item()?.status === 'rejected'}>
          <p class="err" data-status="rejected">
            {t().rejected}: {item()?.reason?.detail}
          </p>
        </Match>
        <Match when={item()?.status === 'queued'}>
          <p class="warn" data-status="queued">
            {t().pending}
          </p>
          <p class="muted">{t().pendingHint}</p>
          <button type="button" class="btn" disabled={syncState().running} onClick={() => void sendNow()}>
            <Show when={syncState().running} fallback={t().sendNow}>
              {t().syncing}
            </Show>
          </button>
        </Match>
      </Switch>
    </section>
  );
}

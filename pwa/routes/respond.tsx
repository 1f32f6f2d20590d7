import { createEffect, createResource, createSignal, lazy, Match, onCleanup, Show, Suspense, Switch } from 'solid-js';
import type { InvitationInfo } from '../../survey-forms/src/api';
import { FormRunner, loadMatrix } from '../components/form-runner';
import { Intro } from '../components/intro';
import { api, normalizeCode } from '../lib/api';
import { lockDraft } from '../lib/draft-lock';
import { finishDraft, newDraft, saveDraft } from '../lib/drafts';
import { t } from '../lib/i18n';
import type { OutboxItem } from '../lib/outbox';
import { getOutbox, getScheduler, outboxMayHoldData, preloadOutbox, preloadSync } from '../lib/store';

/** Shown once the form is sent: its own chunk, fetched right after the first question is painted. */
const loadSendStatus = () => import('../components/send-status');
const SendStatus = lazy(() => loadSendStatus().then((m) => ({ default: m.SendStatus })));

/** Resolves once the browser has painted what is on screen now. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** What the device remembers about an invitation, so the link works offline once opened. */
interface InviteRecord {
  info: InvitationInfo;
  itemId?: string;
}

/** What this device holds for the code: the intro for offline use, and the response started here. */
interface Local {
  cached?: InviteRecord;
  item?: OutboxItem;
}

type Loaded = { kind: 'ready'; info: InvitationInfo; local: Promise<Local> } | { kind: 'error'; message: string; retry: boolean };

async function readLocal(code: string): Promise<Local> {
  // A first visit holds nothing: no outbox code to fetch, no database to open before the intro.
  if (!(await outboxMayHoldData())) return {};
  const outbox = await getOutbox();
  const cached = await outbox.kvGet<InviteRecord>(`invite:${code}`);
  return { cached, item: cached?.itemId ? await outbox.get(cached.itemId) : undefined };
}

function ready(info: InvitationInfo, local: Promise<Local>): Loaded {
  // A cross form shows a matrix first: fetch its code while the respondent reads the intro.
  if (info.questionnaire.mode === 'cross') loadMatrix().catch(() => undefined);
  return { kind: 'ready', info, local };
}

/**
 * Asks the server and reads the device at the same time. With an answer from the server the
 * intro shows at once (one round trip and a database open less on a slow phone); what the
 * device holds follows (a draft to resume, a response already sent).
 */
async function load(code: string): Promise<Loaded> {
  const asking = api.getInvitation(code);
  const local = readLocal(code);
  const fresh = await asking;
  performance.mark('par:invitation');
  if (fresh.ok) return ready(fresh.value, local);
  const held = await local;
  // Already answered on this device: show where it is, whatever the server says now.
  if (held.cached && held.item && held.item.status !== 'draft') return ready(held.cached.info, local);
  const f = fresh.failure;
  // An unknown, used or closed code stays so: "Thử lại" is offered only when trying again can help.
  if (f.kind === 'http' && f.status === 404) return { kind: 'error', message: t().codeUnknown, retry: false };
  if (f.kind === 'http' && f.code === 'invitation.campaign_closed') return { kind: 'error', message: t().codeClosed, retry: false };
  if (f.kind === 'http' && f.status === 410) return { kind: 'error', message: t().codeUsed, retry: false };
  if (held.cached) return ready(held.cached.info, local);
  if (f.kind === 'network') return { kind: 'error', message: t().codeNeedsNet, retry: true };
  return { kind: 'error', message: t().loadFailed, retry: f.kind === 'http' && f.status >= 500 };
}

/** `/r/<code>`: who asks and why, a promise of anonymity, the form, then whether it reached the server. */
export function Respond(props: { code: string }) {
  const code = () => normalizeCode(props.code);
  const [loaded, { refetch }] = createResource(code, load);
  const [item, setItem] = createSignal<OutboxItem>();
  const [locked, setLocked] = createSignal(false);
  let release: (() => void) | null = null;
  let gone = false;
  onCleanup(() => {
    gone = true;
    release?.();
  });
  const [local] = createResource(
    () => {
      const l = loaded();
      return l?.kind === 'ready' ? l.local : undefined;
    },
    (p) => p,
  );
  createEffect(() => {
    const held = local()?.item;
    if (held && held.status !== 'draft') setItem(held);
  });

  const open = async (info: InvitationInfo, pending: Promise<Local>) => {
    performance.mark('par:start');
    const invite = code();
    const held = (await pending).item;
    const existing = held?.status === 'draft' ? held : undefined;
    const draft =
      existing ??
      newDraft({ owner: { kind: 'invitation', code: invite }, channel: 'self', campaignId: info.campaignId, campaignName: info.campaignName, group: info.group, questionnaire: info.questionnaire, units: info.units });
    if (existing) {
      // Another tab may have this draft open (lib/draft-lock.ts).
      release = await lockDraft(draft.id);
      if (!release) return setLocked(true);
    } else {
      // A new draft's id is fresh: no other tab can hold its lock, so the form need not wait for it.
      void lockDraft(draft.id).then((r) => (gone ? r?.() : (release = r)));
    }
    let recorded = existing !== undefined;
    let writes: Promise<void> = Promise.resolve();
    // Every write of this draft, in order; one that fails (storage full, or the outbox's code
    // not here yet and the network gone) is shown by the form and does not stop the next.
    writeDraft = (next) =>
      (writes = writes
        .catch(() => undefined)
        .then(async () => {
          const outbox = await getOutbox();
          await saveDraft(outbox, next);
          if (!recorded) await outbox.kvSet(`invite:${invite}`, { info, itemId: next.id } satisfies InviteRecord);
          recorded = true;
        }));
    setItem(draft);
    // Until the outbox's code is here, the draft and its answers are held in memory: ask for it
    // in the very frame that shows the first question (before its paint, after the question is
    // in the page), not a frame later.
    if (!existing) requestAnimationFrame(preloadOutbox);
    // The first question shows at once. Once it is painted: the new draft is stored (on a first
    // visit the outbox's code arrives only now: docs/PWA.md "First load on a weak connection"),
    // and the code that will send the form and say it was sent is fetched, in case the network
    // goes before then (lib/store.ts). The form's own saves queue behind the first write.
    void afterPaint().then(() => {
      if (!existing) writeDraft(draft).catch(() => undefined);
      void preloadSync();
      loadSendStatus().catch(() => undefined);
    });
  };
  let writeDraft: (next: OutboxItem) => Promise<void> = async () => undefined;

  const finish = async (done: OutboxItem) => {
    await writeDraft(done);
    const queued = await finishDraft(await getOutbox(), done);
    release?.();
    release = null;
    setItem(queued);
    // Offline before the sync code arrived: the scheduler starts when the connection returns.
    await (await getScheduler().catch(() => undefined))?.syncNow();
  };

  return (
    <Switch fallback={<p class="muted">{t().loading}</p>}>
      <Match when={locked()}>
        <p class="card warn" role="alert">
          {t().draftLocked}
        </p>
      </Match>
      <Match when={item()?.status === 'draft' && item()}>
        {(draft) => (
          <FormRunner item={draft()} finishLabel={t().submit} save={(next) => writeDraft(next)} finish={finish} top={<p class="muted">{draft().questionnaire.title}</p>} />
        )}
      </Match>
      <Match when={item()}>
        {(sent) => (
          <Suspense fallback={<p class="muted">{t().loading}</p>}>
            <SendStatus id={sent().id} />
          </Suspense>
        )}
      </Match>
      <Match when={loaded()?.kind === 'error' && loaded()}>
        {(error) => (
          <section class="card">
            <p class="err" role="alert">
              {(error() as Extract<Loaded, { kind: 'error' }>).message}
            </p>
            <Show when={(error() as Extract<Loaded, { kind: 'error' }>).retry}>
              <button type="button" class="btn secondary" onClick={() => void refetch()}>
                {t().retry}
              </button>
            </Show>
          </section>
        )}
      </Match>
      <Match when={loaded()?.kind === 'ready' && loaded()}>
        {(ready) => {
          const r = ready() as Extract<Loaded, { kind: 'ready' }>;
          return <Intro info={r.info} resume={local()?.item?.status === 'draft'} onStart={() => void open(r.info, r.local)} />;
        }}
      </Match>
    </Switch>
  );
}

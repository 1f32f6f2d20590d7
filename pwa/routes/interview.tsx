import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { FormRunner } from '../components/form-runner';
import { PaperCompare } from '../components/paper-compare';
import { lockDraft } from '../lib/draft-lock';
import { discardDraft, finishDraft, saveDraft } from '../lib/drafts';
import { t } from '../lib/i18n';
import { st } from '../lib/strings/staff';
import type { OutboxItem } from '../lib/outbox';
import { navigate } from '../lib/router';
import { getOutbox, getScheduler } from '../lib/store';
import { CrossUnits, draftLabel } from './collect';
import { ft } from './collect-text';

/**
 * `/collect/d/<id>`: one draft, held by this tab alone. An interview is queued when finished;
 * a paper form is keyed twice, compared field by field, and queued once the keyings agree.
 */
export function Interview(props: { id: string }) {
  const [locked, setLocked] = createSignal(false);
  let release: (() => void) | null = null;
  onCleanup(() => release?.());
  const [item, { mutate }] = createResource(
    () => props.id,
    async (id) => {
      const found = await (await getOutbox()).get(id);
      if (found?.status === 'draft') {
        release = await lockDraft(id);
        setLocked(release === null);
      }
      return found;
    },
  );
  const save = async (next: OutboxItem) => saveDraft(await getOutbox(), next);
  const queue = async (done: OutboxItem) => {
    await finishDraft(await getOutbox(), done);
    release?.();
    release = null;
    navigate('/collect');
    void (await getScheduler()).syncNow();
  };
  // Paper: after the first keying, keep it aside and key the same form again from blank.
  const nextStage = async (done: OutboxItem) => {
    const paper = done.paper;
    if (!paper) return queue(done);
    const next: OutboxItem =
      paper.stage === 'first' ? { ...done, answers: {}, section: 0, paper: { stage: 'second', first: done.answers } } : { ...done, paper: { ...paper, stage: 'compare' } };
    await save(next);
    mutate(next);
    window.scrollTo(0, 0);
  };
  const discard = async () => {
    if (!confirm(st().confirmDiscard)) return;
    await discardDraft(await getOutbox(), props.id);
    navigate('/collect');
  };

  return (
    <Switch fallback={<p class="muted">{t().loading}</p>}>
      <Match when={locked()}>
        <p class="card warn" role="alert">
          {t().draftLocked}
        </p>
      </Match>
      <Match when={item() && item()?.status !== 'draft'}>
        <p class="card">{st()[`st_${item()?.status ?? 'draft'}`]}</p>
      </Match>
      {/* A draft that rates no unit (started before the start form refused it) cannot be completed. */}
      <Match when={item()?.units.length === 0}>
        <section class="card warn" role="alert">
          <p>{ft().draftNoUnits}</p>
          <button type="button" class="btn secondary" onClick={() => void discard()}>
            {st().discard}
          </button>
        </section>
      </Match>
      <Match when={item()?.paper?.stage === 'compare' && item()}>
        {(d) => <PaperCompare item={d()} onBack={(next) => (void save(next), mutate(next))} onQueue={(merged) => void queue(merged)} />}
      </Match>
      <Match when={item()}>
        {(d) => (
          <Show when={`${d().id}:${d().paper?.stage ?? ''}`} keyed>
            <FormRunner
              item={d()}
              save={save}
              finish={nextStage}
              finishLabel={d().paper ? (d().paper?.stage === 'first' ? t().next : st().paperCompare) : st().queue}
              top={
                <>
                  <p class="muted">
                    {st()[`channel_${d().channel}`]} · {draftLabel(d())}
                  </p>
                  <Show when={d().questionnaire.mode === 'cross'}>
                    <CrossUnits units={d().units} />
                  </Show>
                  <Show when={d().paper}>
                    <p class="banner">{d().paper?.stage === 'first' ? st().paperFirst : st().paperSecond}</p>
                  </Show>
                  <div class="row-actions">
                    <button type="button" class="btn secondary" onClick={() => navigate('/collect')}>
                      {st().pause}
                    </button>
                    <button type="button" class="btn secondary" onClick={() => void discard()}>
                      {st().discard}
                    </button>
                  </div>
                </>
              }
            />
          </Show>
        )}
      </Match>
    </Switch>
  );
}

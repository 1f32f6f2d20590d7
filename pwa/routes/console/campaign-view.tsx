import { createSignal, lazy, Match, Show, Suspense, Switch, untrack } from 'solid-js';
import type { CampaignDetail, CampaignSummary } from '../../../survey-forms/src/api';
import type { StaffUser } from '../../lib/api';
import { navigate } from '../../lib/router';
import { rememberTab, shownTab, type Tab, TABS } from './campaign-tabs';
import { Failure } from './failure';
import { InvitationsPanel } from './invitations-panel';
import { ProgressTable } from './progress-table';
import { rt } from './results-text';
import { ScoresTable } from './scores-table';
import { rvt } from './review-text';
import { formatDay } from './setup-dates';
import { ct } from './text';
import { consoleApi, useJson } from './use-api';

// Data review and publishing (issue 11): chunks of their own, loaded when their tab opens.
const ReviewPage = lazy(() => import('./review-page'));
const PublicationsPage = lazy(() => import('./publications-page'));

// The chart of units with their intervals: a console chunk of its own, loaded when opened.
const ChartForest = lazy(() => import('./chart-forest'));

/** A link may name the tab (#scores); else the one shown last (campaign-tabs.ts). */
const tabFromHash = (): Tab | undefined => TABS.find((t) => location.hash === `#${t}`);
const NEXT: Record<string, CampaignSummary['status'] | undefined> = { draft: 'open', open: 'closing', closing: 'closed' };

/** One campaign: its status (admins move it on), then progress, scores and invitations. */
export function CampaignView(props: { token: string; role: StaffUser['role']; campaignId: string }) {
  const [detail, refetch] = useJson<CampaignDetail>(() => props.token, () => `/api/campaigns/${props.campaignId}`);
  const fromHash = tabFromHash();
  if (fromHash) rememberTab(untrack(() => props.campaignId), fromHash);
  const tab = (): Tab => shownTab(props.campaignId) ?? 'progress';
  const setTab = (t: Tab) => {
    history.replaceState(null, '', `${location.pathname}#${t}`);
    rememberTab(props.campaignId, t);
  };
  const [error, setError] = createSignal<string>();
  const advance = async (c: CampaignDetail) => {
    const next = NEXT[c.status];
    if (!next || !confirm(ct().confirmStatus(ct().nextStatus[c.status] ?? next))) return;
    const result = await consoleApi.postJson<CampaignSummary>(props.token, `/api/campaigns/${c.id}/status`, { status: next });
    if (!result.ok) setError(result.failure.detail);
    else refetch();
  };
  const tabButton = (id: Tab, label: string) => (
    <button class={`btn ${tab() === id ? '' : 'secondary'}`} type="button" aria-pressed={tab() === id} onClick={() => setTab(id)}>
      {label}
    </button>
  );
  return (
    <>
      <a href="/console" onClick={(e) => (e.preventDefault(), navigate('/console'))}>
        {ct().back}
      </a>
      <Show when={detail()}>
        {(d) => {
          const result = d();
          if (!result.ok) return <Failure failure={result.failure} retry={refetch} />;
          const c = result.value;
          return (
            <>
              <section class="card">
                <h1>{c.name}</h1>
                <p class="muted">
                  {c.organizer} · {formatDay(c.opensAt)} – {formatDay(c.closesAt)}
                </p>
                <p>
                  <span class="tag">{ct().status[c.status]}</span>
                </p>
                <Show when={props.role === 'admin'}>
                  <a class="btn secondary" href={`/console/c/${c.id}/setup`} onClick={(e) => (e.preventDefault(), navigate(`/console/c/${c.id}/setup`))}>
                    {ct().setupCampaign}
                  </a>{' '}
                </Show>
                <Show when={props.role === 'admin' && NEXT[c.status]}>
                  <button class="btn secondary" type="button" onClick={() => void advance(c)}>
                    {ct().nextStatus[c.status]}
                  </button>
                </Show>
                <Show when={error()}>
                  <p class="err" role="alert">
                    {error()}
                  </p>
                </Show>
              </section>
              <nav class="row-actions" aria-label={c.name}>
                {tabButton('progress', ct().tabs.progress)}
                {tabButton('scores', ct().tabs.scores)}
                {tabButton('chart', rt().chart)}
                {tabButton('review', rvt().tabReview)}
                {tabButton('publications', rvt().tabPublications)}
                <Show when={props.role === 'admin'}>{tabButton('invitations', ct().tabs.invitations)}</Show>
              </nav>
              <Switch>
                <Match when={tab() === 'progress'}>
                  <ProgressTable token={props.token} campaign={c} />
                </Match>
                <Match when={tab() === 'scores'}>
                  <ScoresTable token={props.token} campaign={c} />
                </Match>
                <Match when={tab() === 'invitations'}>
                  <InvitationsPanel token={props.token} campaign={c} />
                </Match>
                <Match when={tab() === 'chart'}>
                  <Suspense fallback={<p class="muted">…</p>}>
                    <ChartForest token={props.token} campaign={c} />
                  </Suspense>
                </Match>
                <Match when={tab() === 'review'}>
                  <Suspense fallback={<p class="muted">…</p>}>
                    <ReviewPage token={props.token} campaign={c} />
                  </Suspense>
                </Match>
                <Match when={tab() === 'publications'}>
                  <Suspense fallback={<p class="muted">…</p>}>
                    <PublicationsPage token={props.token} role={props.role} campaign={c} />
                  </Suspense>
                </Match>
              </Switch>
            </>
          );
        }}
      </Show>
    </>
  );
}

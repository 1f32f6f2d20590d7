import { createResource, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import type { Session } from '../../lib/outbox';
import { navigate, path } from '../../lib/router';
import { getSession } from '../../lib/session';
import { getOutbox } from '../../lib/store';
import { CampaignList } from './campaign-list';
import { CampaignView } from './campaign-view';
import { ct } from './text';
import './questionnaires.css';

// Questionnaires (XLSForm import, phone preview): a chunk of its own, loaded when opened.
const QuestionnairesPage = lazy(() => import('./questionnaires-page'));

/**
 * The console of the survey administrator and the analyst: campaigns, progress against
 * quotas, scores with intervals and flags, exports, invitations. Online only; loaded on demand.
 */
export default function Console() {
  const [session] = createResource(async () => getSession(await getOutbox()));
  const campaignId = () => /^\/console\/c\/([^/]+)/.exec(path())?.[1];
  const onQuestionnaires = () => /^\/console\/questionnaires\/?$/.test(path());
  const go = (to: string) => (e: MouseEvent) => (e.preventDefault(), navigate(to));
  const needLogin = (
    <section class="card">
      <p>{ct().needLogin}</p>
      <a class="btn" href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
        {ct().login}
      </a>
    </section>
  );
  return (
    <div class="console">
      <Show when={!session.loading}>
        <Show when={session() && !session()?.expired ? (session() as Session) : undefined} fallback={needLogin}>
          {(s) => (
            <Show when={s().user.role !== 'collector'} fallback={<p class="card warn">{ct().forbidden}</p>}>
              <nav class="console-nav row-actions" aria-label={ct().title}>
                <a href="/console" aria-current={!onQuestionnaires() ? 'page' : undefined} onClick={go('/console')}>
                  {ct().campaigns}
                </a>
                <a href="/console/questionnaires" aria-current={onQuestionnaires() ? 'page' : undefined} onClick={go('/console/questionnaires')}>
                  {ct().questionnaires}
                </a>
              </nav>
              <Switch fallback={<CampaignList token={s().token} />}>
                <Match when={onQuestionnaires()}>
                  <Suspense fallback={<p class="muted">…</p>}>
                    <QuestionnairesPage token={s().token} role={s().user.role} />
                  </Suspense>
                </Match>
                <Match when={campaignId()}>{(id) => <CampaignView token={s().token} role={s().user.role} campaignId={id()} />}</Match>
              </Switch>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

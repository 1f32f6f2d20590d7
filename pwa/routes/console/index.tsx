import { createResource, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import type { Session } from '../../lib/outbox';
import { navigate, path } from '../../lib/router';
import { getSession } from '../../lib/session';
import { getOutbox } from '../../lib/store';
import { CampaignList } from './campaign-list';
import { CampaignView } from './campaign-view';
import { AuditPage } from './audit-page';
import { ConsoleNav } from './console-nav';
import { StaffPage } from './staff-page';
import { ct } from './text';
import '../../staff.css';
import './questionnaires.css';

// Questionnaires (XLSForm import, phone preview): a chunk of its own, loaded when opened.
const QuestionnairesPage = lazy(() => import('./questionnaires-page'));

// Campaign set-up (issue 8): admin-only pages in their own lazily loaded chunks.
const SetupCreate = lazy(() => import('./setup-create'));
const SetupView = lazy(() => import('./setup-view'));

// A unit's results page (issue 11): its own chunk.
const UnitPage = lazy(() => import('./unit-page'));

/**
 * The console of the survey administrator and the analyst: campaigns, progress against
 * quotas, scores with intervals and flags, exports, invitations. Online only; loaded on demand.
 */
export default function Console() {
  const [session] = createResource(async () => getSession(await getOutbox()));
  const campaignId = () => /^\/console\/c\/([^/]+)/.exec(path())?.[1];
  const onQuestionnaires = () => /^\/console\/questionnaires\/?$/.test(path());
  const setupId = () => /^\/console\/c\/([^/]+)\/setup$/.exec(path())?.[1];
  const unitRoute = () => {
    const m = /^\/console\/c\/([^/]+)\/units\/([^/]+)$/.exec(path());
    return m?.[1] && m[2] ? { campaignId: m[1], unitId: m[2] } : undefined;
  };
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
              <ConsoleNav session={s()} />
              <Switch fallback={<CampaignList token={s().token} role={s().user.role} />}>
                <Match when={onQuestionnaires()}>
                  <Suspense fallback={<p class="muted">…</p>}>
                    <QuestionnairesPage token={s().token} role={s().user.role} />
                  </Suspense>
                </Match>
                <Match when={s().user.role === 'admin' && path() === '/console/new'}>
                  <SetupCreate token={s().token} />
                </Match>
                <Match when={s().user.role === 'admin' && setupId()}>{(id) => <SetupView token={s().token} campaignId={id()} />}</Match>
                <Match when={unitRoute()}>
                  {(r) => (
                    <Suspense fallback={<p class="muted">…</p>}>
                      <UnitPage token={s().token} campaignId={r().campaignId} unitId={r().unitId} />
                    </Suspense>
                  )}
                </Match>
                <Match when={campaignId()}>{(id) => <CampaignView token={s().token} role={s().user.role} campaignId={id()} />}</Match>
                {/* People (issue 8): admin only; the server refuses others too. */}
                <Match when={path() === '/console/staff' && s().user.role === 'admin'}>
                  <StaffPage token={s().token} selfId={s().user.id} />
                </Match>
                <Match when={path() === '/console/audit' && s().user.role === 'admin'}>
                  <AuditPage token={s().token} />
                </Match>
              </Switch>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

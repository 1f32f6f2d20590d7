import { createResource, lazy, Match, Show, Switch } from 'solid-js';
import type { Session } from '../../lib/outbox';
import { navigate, path } from '../../lib/router';
import { getSession } from '../../lib/session';
import { getOutbox } from '../../lib/store';
import { CampaignList } from './campaign-list';
import { CampaignView } from './campaign-view';
import { ct } from './text';

// Campaign set-up (issue 8): admin-only pages in their own lazily loaded chunks.
const SetupCreate = lazy(() => import('./setup-create'));
const SetupView = lazy(() => import('./setup-view'));

/**
 * The console of the survey administrator and the analyst: campaigns, progress against
 * quotas, scores with intervals and flags, exports, invitations. Online only; loaded on demand.
 */
export default function Console() {
  const [session] = createResource(async () => getSession(await getOutbox()));
  const campaignId = () => /^\/console\/c\/([^/]+)/.exec(path())?.[1];
  const setupId = () => /^\/console\/c\/([^/]+)\/setup$/.exec(path())?.[1];
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
              <Switch fallback={<CampaignList token={s().token} role={s().user.role} />}>
                <Match when={s().user.role === 'admin' && path() === '/console/new'}>
                  <SetupCreate token={s().token} />
                </Match>
                <Match when={s().user.role === 'admin' && setupId()}>{(id) => <SetupView token={s().token} campaignId={id()} />}</Match>
                <Match when={campaignId()}>{(id) => <CampaignView token={s().token} role={s().user.role} campaignId={id()} />}</Match>
              </Switch>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

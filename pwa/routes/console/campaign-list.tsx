import { For, Show } from 'solid-js';
import type { CampaignSummary } from '../../../survey-forms/src/api';
import type { StaffUser } from '../../lib/api';
import { navigate } from '../../lib/router';
import { Failure } from './failure';
import { formatDay } from './setup-dates';
import { ct } from './text';
import { useJson } from './use-api';

export function CampaignList(props: { token: string; role: StaffUser['role'] }) {
  const [data, refetch] = useJson<CampaignSummary[]>(() => props.token, () => '/api/campaigns');
  return (
    <section class="card">
      <h1>{ct().campaigns}</h1>
      <Show when={props.role === 'admin'}>
        <a class="btn" href="/console/new" onClick={(e) => (e.preventDefault(), navigate('/console/new'))}>
          {ct().createCampaign}
        </a>
      </Show>
      <Show when={data()}>
        {(d) => {
          const result = d();
          if (!result.ok) return <Failure failure={result.failure} retry={refetch} />;
          return (
            <Show when={result.value.length > 0} fallback={<p class="muted">{ct().none}</p>}>
              <ul class="list">
                <For each={result.value}>
                  {(c) => (
                    <li>
                      <a href={`/console/c/${c.id}`} onClick={(e) => (e.preventDefault(), navigate(`/console/c/${c.id}`))}>
                        {c.name}
                      </a>{' '}
                      <span class={`tag ${c.status === 'open' ? 'sent' : c.status === 'closing' ? 'queued' : ''}`}>{ct().status[c.status]}</span>
                      <div class="muted">
                        {c.year} · {formatDay(c.opensAt)} – {formatDay(c.closesAt)}
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          );
        }}
      </Show>
    </section>
  );
}

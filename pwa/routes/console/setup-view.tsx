import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { navigate } from '../../lib/router';
import { Failure } from './failure';
import { SetupForms } from './setup-forms';
import { SetupGeneral } from './setup-general';
import { SetupGroups } from './setup-groups';
import { SetupIndex } from './setup-index';
import { SetupOpen } from './setup-open';
import { SetupQuotas } from './setup-quotas';
import { st } from './setup-text';
import { SetupUnits } from './setup-units';
import { ct } from './text';
import { useJson } from './use-api';

export type Step = keyof ReturnType<typeof st>['steps'];
const STEPS: Step[] = ['general', 'groups', 'units', 'index', 'forms', 'quotas', 'open'];

/** What every step gets: the campaign as the server has it now, and a way to reload it after a change. */
export interface StepProps {
  token: string;
  campaign: CampaignDetail;
  reload: () => void;
}

/**
 * The campaign set-up, step by step (admin): general information and dates, groups, units,
 * index, the questionnaire of each group × unit type, quotas, then the check and opening.
 * Every step saves on its own; the campaign is reloaded after each change, so a status
 * change shows at once. Lazily loaded.
 */
export default function SetupView(props: { token: string; campaignId: string }) {
  const [detail, refetch] = useJson<CampaignDetail>(() => props.token, () => `/api/campaigns/${props.campaignId}`);
  const [step, setStep] = createSignal<Step>('general');
  const go = (href: string) => (e: MouseEvent) => (e.preventDefault(), navigate(href));
  return (
    <>
      <a href="/console" onClick={go('/console')}>
        {ct().back}
      </a>
      <Show when={detail()}>
        {(d) => {
          const result = d();
          if (!result.ok) return <Failure failure={result.failure} retry={refetch} />;
          // A failed reload keeps showing the campaign as last read; the step shows its own error.
          const first = result.value;
          const c = () => {
            const now = d();
            return now.ok ? now.value : first;
          };
          return (
            <>
              <section class="card">
                <p class="muted">{ct().setupCampaign}</p>
                <h1>{c().name}</h1>
                <p>
                  <span class="tag" data-testid="campaign-status">
                    {ct().status[c().status]}
                  </span>{' '}
                  <a href={`/console/c/${c().id}`} onClick={go(`/console/c/${c().id}`)}>
                    {st().toCampaign}
                  </a>
                </p>
                <Show when={c().status !== 'draft'}>
                  <p class="banner">{st().frozen}</p>
                </Show>
              </section>
              <nav class="row-actions steps" aria-label={ct().setupCampaign}>
                <For each={STEPS}>
                  {(s) => (
                    <button class={`btn ${step() === s ? '' : 'secondary'}`} type="button" aria-pressed={step() === s} onClick={() => setStep(s)}>
                      {st().steps[s]}
                    </button>
                  )}
                </For>
              </nav>
              <Switch>
                <Match when={step() === 'general'}>
                  <SetupGeneral token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'groups'}>
                  <SetupGroups token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'units'}>
                  <SetupUnits token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'index'}>
                  <SetupIndex token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'forms'}>
                  <SetupForms token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'quotas'}>
                  <SetupQuotas token={props.token} campaign={c()} reload={refetch} />
                </Match>
                <Match when={step() === 'open'}>
                  <SetupOpen token={props.token} campaign={c()} reload={refetch} />
                </Match>
              </Switch>
            </>
          );
        }}
      </Show>
    </>
  );
}

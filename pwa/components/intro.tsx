import { onMount, Show } from 'solid-js';
import type { InvitationInfo } from '../../survey-forms/src/api';
import { formatTime, t } from '../lib/i18n';

/** Before the first question: who runs the survey, what for, how long, and a plain promise of anonymity. */
export function Intro(props: { info: InvitationInfo; resume: boolean; onStart: () => void }) {
  // For the benchmark (scripts/bench/pwa.ts): when the respondent can press Start.
  onMount(() => performance.mark('par:intro'));
  return (
    <section class="card intro">
      <h1>{props.info.questionnaire.title}</h1>
      <p>
        <strong>{t().organizer}:</strong> {props.info.organizer}
      </p>
      <p>
        <strong>{t().purpose}:</strong> {props.info.campaignName}
      </p>
      <Show when={props.info.questionnaire.intro}>
        <p>{props.info.questionnaire.intro}</p>
      </Show>
      <p>{t().duration(props.info.questionnaire.estimatedMinutes)}</p>
      <p>{t().closes(formatTime(props.info.closesAt))}</p>
      <p class="promise">{t().anonymity}</p>
      <p class="muted">{t().savedOnDevice}</p>
      <button type="button" class="btn" onClick={() => props.onStart()}>
        {props.resume ? t().resume : t().start}
      </button>
    </section>
  );
}

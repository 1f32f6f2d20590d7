import { onMount, Show } from 'solid-js';
import type { InvitationInfo } from '../../survey-forms/src/api';
import { formatTime, t } from '../lib/i18n';

/**
 * Before the first question. The first screen of a 360×640 phone holds what the survey is
 * (title, who runs it, how long), the promise of anonymity and the Start button, so nobody
 * must scroll to begin (tested in e2e/intro-fold.test.ts); the details follow the button.
 */
export function Intro(props: { info: InvitationInfo; resume: boolean; onStart: () => void }) {
  // For the benchmark (scripts/bench/pwa.ts): when the respondent can press Start.
  onMount(() => performance.mark('par:intro'));
  return (
    <section class="card intro">
      <h1>{props.info.questionnaire.title}</h1>
      <p class="muted">
        {props.info.organizer} · {t().duration(props.info.questionnaire.estimatedMinutes)}
      </p>
      <p class="promise">{t().anonymity}</p>
      <button type="button" class="btn" onClick={() => props.onStart()}>
        {props.resume ? t().resume : t().start}
      </button>
      <p>
        <strong>{t().purpose}:</strong> {props.info.campaignName}
      </p>
      <Show when={props.info.questionnaire.intro}>
        <p>{props.info.questionnaire.intro}</p>
      </Show>
      <p>{t().closes(formatTime(props.info.closesAt))}</p>
      <p class="muted">{t().savedOnDevice}</p>
    </section>
  );
}

import { createSignal, untrack } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { done, failed, type Outcome, OutcomeLine } from './outcome';
import { dayEnd, dayStart, vnDay } from './setup-dates';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { consoleApi } from './use-api';

/** Step 1: name, year, organizer, dates and the missing-criteria policy. Dates stay editable while open. */
export function SetupGeneral(props: StepProps) {
  const start = untrack(() => props.campaign);
  const [name, setName] = createSignal(start.name);
  const [year, setYear] = createSignal(start.year);
  const [organizer, setOrganizer] = createSignal(start.organizer);
  const [opensAt, setOpensAt] = createSignal(vnDay(start.opensAt));
  const [closesAt, setClosesAt] = createSignal(vnDay(start.closesAt));
  const [policy, setPolicy] = createSignal(start.missingPolicy);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const draft = () => props.campaign.status === 'draft';
  const editable = () => draft() || props.campaign.status === 'open';

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const dates = { opensAt: dayStart(opensAt()), closesAt: dayEnd(closesAt()) };
    const body = draft() ? { name: name(), year: year(), organizer: organizer(), missingPolicy: policy(), ...dates } : dates;
    const result = await consoleApi.change<CampaignDetail>(props.token, 'PATCH', `/api/campaigns/${props.campaign.id}`, body);
    setOutcome(result.ok ? done(st().saved) : failed(result.failure));
    if (result.ok) props.reload();
  };

  return (
    <section class="card">
      <h2>{st().steps.general}</h2>
      <form onSubmit={(e) => void save(e)}>
        <label class="lbl" for="g-name">
          {st().name}
        </label>
        <input id="g-name" class="field" required disabled={!draft()} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <label class="lbl" for="g-year">
          {st().year}
        </label>
        <input id="g-year" class="field" type="number" min="2000" max="2100" disabled={!draft()} value={year()} onInput={(e) => setYear(Number(e.currentTarget.value))} />
        <label class="lbl" for="g-org">
          {st().organizer}
        </label>
        <input id="g-org" class="field" required disabled={!draft()} value={organizer()} onInput={(e) => setOrganizer(e.currentTarget.value)} />
        <label class="lbl" for="g-opens">
          {st().opensAt}
        </label>
        <input id="g-opens" class="field" type="date" required disabled={!editable()} value={opensAt()} onInput={(e) => setOpensAt(e.currentTarget.value)} />
        <label class="lbl" for="g-closes">
          {st().closesAt}
        </label>
        <input id="g-closes" class="field" type="date" required disabled={!editable()} value={closesAt()} onInput={(e) => setClosesAt(e.currentTarget.value)} />
        <label class="lbl" for="g-policy">
          {st().missingPolicy}
        </label>
        <select id="g-policy" class="field" disabled={!draft()} value={policy()} onChange={(e) => setPolicy(e.currentTarget.value as CampaignDetail['missingPolicy'])}>
          <option value="rescale">{st().policies.rescale}</option>
          <option value="zero">{st().policies.zero}</option>
        </select>
        <button class="btn" type="submit" disabled={!editable()}>
          {st().save}
        </button>
      </form>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}

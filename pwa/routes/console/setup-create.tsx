import { createSignal, For, Show } from 'solid-js';
import type { CampaignSummary } from '../../../survey-forms/src/api';
import { navigate } from '../../lib/router';
import { Failure } from './failure';
import { failed, type Outcome, OutcomeLine } from './outcome';
import { dayEnd, dayStart } from './setup-dates';
import { st } from './setup-text';
import { ct } from './text';
import { consoleApi, failureOf, useJson } from './use-api';

/**
 * "Tạo đợt khảo sát": a blank draft (the five default groups) or a copy of an earlier
 * campaign, then on to the set-up steps. Lazily loaded with the set-up pages.
 */
export default function SetupCreate(props: { token: string }) {
  const [list, refetch] = useJson<CampaignSummary[]>(() => props.token, () => '/api/campaigns');
  const year = new Date().getFullYear();
  const [mode, setMode] = createSignal<'blank' | 'copy'>('blank');
  const [copyFrom, setCopyFrom] = createSignal('');
  const [name, setName] = createSignal(`Khảo sát xã hội học xác định Chỉ số cải cách hành chính năm ${year}`);
  const [yearValue, setYear] = createSignal(year);
  const [organizer, setOrganizer] = createSignal('');
  const [opensAt, setOpensAt] = createSignal(`${year}-11-01`);
  const [closesAt, setClosesAt] = createSignal(`${year}-12-31`);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [busy, setBusy] = createSignal(false);
  const earlier = () => {
    const l = list();
    return l?.ok ? l.value : [];
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    const common = { name: name(), year: yearValue(), opensAt: dayStart(opensAt()), closesAt: dayEnd(closesAt()) };
    const body =
      mode() === 'copy'
        ? { ...common, copyFrom: copyFrom() || earlier()[0]?.id, ...(organizer().trim() ? { organizer: organizer() } : {}) }
        : { ...common, organizer: organizer() };
    const result = await consoleApi.postJson<{ id: string }>(props.token, '/api/campaigns', body);
    setBusy(false);
    if (!result.ok) return setOutcome(failed(result.failure));
    navigate(`/console/c/${result.value.id}/setup`);
  };

  return (
    <section class="card">
      <h1>{ct().createCampaign}</h1>
      <p class="muted">{st().createLead}</p>
      <Show when={failureOf(list())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <form onSubmit={(e) => void submit(e)}>
        <div class="row-actions" role="radiogroup">
          <label class="choice">
            <input type="radio" name="mode" checked={mode() === 'blank'} onChange={() => setMode('blank')} /> {st().blank}
          </label>
          <Show when={earlier().length > 0}>
            <label class="choice">
              <input type="radio" name="mode" checked={mode() === 'copy'} onChange={() => setMode('copy')} /> {st().copy}
            </label>
          </Show>
        </div>
        <Show when={mode() === 'copy'}>
          <label class="lbl" for="copy-from">
            {st().copyFrom}
          </label>
          <select id="copy-from" class="field" value={copyFrom() || (earlier()[0]?.id ?? '')} onChange={(e) => setCopyFrom(e.currentTarget.value)}>
            <For each={earlier()}>{(c) => <option value={c.id}>{`${c.year} · ${c.name}`}</option>}</For>
          </select>
        </Show>
        <label class="lbl" for="c-name">
          {st().name}
        </label>
        <input id="c-name" class="field" required maxLength={300} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <label class="lbl" for="c-year">
          {st().year}
        </label>
        <input id="c-year" class="field" type="number" min="2000" max="2100" required value={yearValue()} onInput={(e) => setYear(Number(e.currentTarget.value))} />
        <label class="lbl" for="c-org">
          {st().organizer}
        </label>
        <input
          id="c-org"
          class="field"
          required={mode() === 'blank'}
          maxLength={300}
          placeholder={mode() === 'copy' ? '' : 'Sở Nội vụ tỉnh …'}
          aria-describedby={mode() === 'copy' ? 'c-org-help' : undefined}
          value={organizer()}
          onInput={(e) => setOrganizer(e.currentTarget.value)}
        />
        <Show when={mode() === 'copy'}>
          <p id="c-org-help" class="help">
            {st().organizerCopied}
          </p>
        </Show>
        <label class="lbl" for="c-opens">
          {st().opensAt}
        </label>
        <input id="c-opens" class="field" type="date" required value={opensAt()} onInput={(e) => setOpensAt(e.currentTarget.value)} />
        <label class="lbl" for="c-closes">
          {st().closesAt}
        </label>
        <input id="c-closes" class="field" type="date" required value={closesAt()} onInput={(e) => setClosesAt(e.currentTarget.value)} />
        <button class="btn" type="submit" disabled={busy()}>
          {ct().createCampaign}
        </button>
      </form>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}

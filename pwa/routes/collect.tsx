import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { CampaignDetail, UnitView } from '../../survey-forms/src/api';
import type { Channel } from '../../survey-forms/src/response';
import { StaffNav } from '../components/staff-nav';
import { formatTime, t } from '../lib/i18n';
import { st } from '../lib/strings/staff';
import type { OutboxItem } from '../lib/outbox';
import { newDraft, saveDraft } from '../lib/drafts';
import { navigate } from '../lib/router';
import { askPersistentStorage, download, getDownloaded, getSession, logout } from '../lib/session';
import { getOutbox, getScheduler } from '../lib/store';
import { ft } from './collect-text';

/** `/collect`: download campaigns, start an interview or a paper form, and resume paused drafts. */
export function Collect() {
  const [data, { refetch }] = createResource(async () => {
    const outbox = await getOutbox();
    const session = await getSession(outbox);
    const drafts = (await outbox.byStatus('draft')).filter((i) => i.owner.kind === 'staff').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { session, downloaded: await getDownloaded(outbox), drafts };
  });
  const [message, setMessage] = createSignal<string>();
  const [persistRefused, setPersistRefused] = createSignal(false);
  let unsubscribe: (() => void) | undefined;
  onMount(async () => {
    const outbox = await getOutbox();
    unsubscribe = outbox.onChange(() => void refetch());
    if (!(await getSession(outbox))) return navigate('/login', true);
    setPersistRefused(!(await askPersistentStorage()));
    void getScheduler();
  });
  onCleanup(() => unsubscribe?.());

  const doDownload = async () => {
    const outbox = await getOutbox();
    const session = await getSession(outbox);
    if (!session) return navigate('/login');
    setMessage(t().loading);
    const result = await download(outbox, session);
    setMessage(result === 'ok' ? undefined : result === 'expired' ? st().sessionExpired : t().codeNeedsNet);
  };

  return (
    <>
      <StaffNav session={data()?.session} />
      <Show when={persistRefused()}>
        <p class="banner" role="alert">
          {st().persistDenied}
        </p>
      </Show>
      <section class="card">
        <h1>{st().campaigns}</h1>
        <Show when={data()?.downloaded} fallback={<p class="muted">{st().noCampaigns}</p>}>
          {(d) => <p class="muted">{st().downloaded(formatTime(d().fetchedAt))}</p>}
        </Show>
        <button type="button" class="btn secondary" onClick={() => void doDownload()}>
          {st().download}
        </button>
        <Show when={message()}>
          <p role="status">{message()}</p>
        </Show>
      </section>
      <For each={Object.values(data()?.downloaded?.details ?? {})}>{(c) => <StartForm campaign={c} userId={data()?.session?.user.id ?? ''} />}</For>
      <section class="card">
        <h2>{st().drafts}</h2>
        <Show when={(data()?.drafts.length ?? 0) > 0} fallback={<p class="muted">{st().noDrafts}</p>}>
          <ul class="list" data-testid="drafts">
            <For each={data()?.drafts}>
              {(d) => (
                <li>
                  <a href={`/collect/d/${d.id}`} onClick={(e) => (e.preventDefault(), navigate(`/collect/d/${d.id}`))}>
                    {draftLabel(d)}
                  </a>
                  <div class="muted">
                    {st()[`channel_${d.channel}`]} · {st().started} {formatTime(d.startedAt)}
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={data()?.session}>
        <button
          type="button"
          class="btn secondary"
          onClick={async () => {
            await logout(await getOutbox());
            navigate('/login');
          }}
        >
          {st().logout} ({data()?.session?.user.username})
        </button>
      </Show>
    </>
  );
}

/** The units a cross-evaluation form covers, listed before and during the interview. */
export function CrossUnits(props: { units: readonly UnitView[] }) {
  return (
    <details class="cross-units" open={props.units.length <= 6}>
      <summary>{ft().crossUnits(props.units.length)}</summary>
      <ol data-testid="cross-units">
        <For each={props.units}>{(u) => <li>{u.name}</li>}</For>
      </ol>
    </details>
  );
}

export function draftLabel(d: OutboxItem): string {
  const who = d.questionnaire.mode === 'own_unit' ? (d.units[0]?.name ?? '') : `${d.units.length} ${st().unit.toLowerCase()}`;
  return `${d.questionnaire.title} — ${who}`;
}

/** Choose group and unit, then start: the response id is minted here, at the start. */
function StartForm(props: { campaign: CampaignDetail; userId: string }) {
  const groups = () => props.campaign.groups.filter((g) => props.campaign.questionnaires.some((q) => q.group === g.code));
  const [group, setGroup] = createSignal(groups()[0]?.code ?? '');
  // A group may answer one form about agencies and another about communes: one per unit type.
  const forms = () => props.campaign.questionnaires.filter((q) => q.group === group());
  const [unitType, setUnitType] = createSignal('');
  const questionnaire = () => forms().find((q) => q.unitType === unitType()) ?? forms()[0];
  const units = () => props.campaign.units.filter((u) => u.type === questionnaire()?.unitType);
  const [unitId, setUnitId] = createSignal('');
  const chosenUnit = () => units().find((u) => u.id === unitId()) ?? units()[0];

  const start = async (channel: Channel) => {
    const q = questionnaire();
    const unit = chosenUnit();
    // A form with no unit to rate could be completed but never accepted.
    if (!q || !unit) return;
    const item = newDraft({
      owner: { kind: 'staff', userId: props.userId },
      channel,
      campaignId: props.campaign.id,
      campaignName: props.campaign.name,
      group: q.group,
      questionnaire: q,
      units: q.mode === 'own_unit' && unit ? [unit] : units(),
      ...(channel === 'paper' ? { paper: { stage: 'first' as const, first: {} } } : {}),
    });
    await saveDraft(await getOutbox(), item);
    navigate(`/collect/d/${item.id}`);
  };

  const sid = () => props.campaign.id.slice(0, 8);
  return (
    <section class="card">
      <h2>{props.campaign.name}</h2>
      <label class="lbl" for={`g-${sid()}`}>
        {st().group}
      </label>
      <select id={`g-${sid()}`} class="field" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
        <For each={groups()}>{(g) => <option value={g.code}>{g.name}</option>}</For>
      </select>
      <Show when={forms().length > 1}>
        <label class="lbl" for={`t-${sid()}`}>
          {st().unitType}
        </label>
        <select id={`t-${sid()}`} class="field" value={questionnaire()?.unitType ?? ''} onChange={(e) => setUnitType(e.currentTarget.value)}>
          <For each={forms()}>{(q) => <option value={q.unitType}>{st().unitTypes[q.unitType]}</option>}</For>
        </select>
      </Show>
      <Show when={questionnaire()?.mode === 'own_unit'}>
        <label class="lbl" for={`u-${sid()}`}>
          {st().unit}
        </label>
        <select id={`u-${sid()}`} class="field" value={chosenUnit()?.id ?? ''} onChange={(e) => setUnitId(e.currentTarget.value)}>
          <For each={units()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
        </select>
      </Show>
      <Show when={questionnaire()}>{(q) => <p class="muted">{q().title}</p>}</Show>
      <Show when={questionnaire() && units().length === 0}>
        <p class="banner" role="alert">
          {ft().noUnits(questionnaire()?.unitType ?? '')}
        </p>
      </Show>
      <Show when={questionnaire()?.mode === 'cross' && units().length > 0}>
        <CrossUnits units={units()} />
      </Show>
      <div class="row-actions">
        <button type="button" class="btn" disabled={units().length === 0} onClick={() => void start('interview')}>
          {st().newInterview}
        </button>
        <button type="button" class="btn secondary" disabled={units().length === 0} onClick={() => void start('paper')}>
          {st().newPaper}
        </button>
      </div>
    </section>
  );
}

import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { CampaignDetail, CampaignSummary } from '../../../survey-forms/src/api';
import { Failure } from './failure';
import { done, failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './staff-text';
import type { CollectorAssignment, UserView } from './staff-types';
import { ct } from './text';
import { consoleApi, failureOf, useJson } from './use-api';

/**
 * Assigns units of one campaign to one collector (PUT /api/campaigns/:id/collectors/:userId
 * replaces the set). Units are filtered by type, parent and name so a province's hundreds of
 * communes stay manageable; the ticks outside the filter are kept.
 */
export function StaffAssign(props: { token: string; collectors: UserView[] }) {
  const [campaigns] = useJson<CampaignSummary[]>(() => props.token, () => '/api/campaigns');
  const [campaignId, setCampaignId] = createSignal('');
  const [userId, setUserId] = createSignal('');
  const campaignList = () => {
    const c = campaigns();
    return c?.ok ? c.value.filter((x) => x.status !== 'closed') : [];
  };
  const chosenCampaign = () => campaignId() || campaignList()[0]?.id || '';
  const chosenUser = () => userId() || props.collectors[0]?.id || '';
  const [detail, refetchDetail] = useJson<CampaignDetail>(() => props.token, () => (chosenCampaign() ? `/api/campaigns/${chosenCampaign()}` : ''));
  const [assigned, refetchAssigned] = useJson<CollectorAssignment[]>(() => props.token, () => (chosenCampaign() ? `/api/campaigns/${chosenCampaign()}/collectors` : ''));
  const [ticked, setTicked] = createSignal<Set<string>>(new Set());
  const [type, setType] = createSignal('');
  const [parent, setParent] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [outcome, setOutcome] = createSignal<Outcome>();

  // The saved assignment of the chosen collector is the starting point of the ticks.
  createEffect(
    on([assigned, chosenUser], ([a, user]) => {
      const mine = a?.ok ? a.value.find((x) => x.userId === user) : undefined;
      setTicked(new Set(mine?.unitIds ?? []));
    }),
  );
  // A saved-message belongs to the collector it was about.
  createEffect(on([chosenUser, chosenCampaign], () => setOutcome(undefined), { defer: true }));
  const units = createMemo(() => {
    const d = detail();
    return d?.ok ? d.value.units : [];
  });
  const types = createMemo(() => [...new Set(units().map((u) => u.type))]);
  const parents = createMemo(() => {
    const ids = new Set(units().map((u) => u.parentId).filter((p): p is string => p !== null));
    return units().filter((u) => ids.has(u.id));
  });
  const shown = createMemo(() => {
    const q = query().trim().toLocaleLowerCase('vi');
    return units().filter(
      (u) => (!type() || u.type === type()) && (!parent() || u.parentId === parent()) && (!q || u.name.toLocaleLowerCase('vi').includes(q) || u.code.toLocaleLowerCase('vi').includes(q)),
    );
  });
  const setMany = (value: boolean) => {
    const next = new Set(ticked());
    for (const u of shown()) {
      if (value) next.add(u.id);
      else next.delete(u.id);
    }
    setTicked(next);
  };
  const tick = (id: string, value: boolean) => {
    const next = new Set(ticked());
    if (value) next.add(id);
    else next.delete(id);
    setTicked(next);
  };
  const save = async () => {
    setOutcome(undefined);
    const user = props.collectors.find((c) => c.id === chosenUser());
    if (!user) return;
    const result = await consoleApi.putJson<{ unitIds: string[] }>(props.token, `/api/campaigns/${chosenCampaign()}/collectors/${user.id}`, { unitIds: [...ticked()] });
    if (!result.ok) return setOutcome(failed(result.failure));
    setOutcome(done(st().saved(user.username, result.value.unitIds.length)));
    refetchAssigned();
  };
  return (
    <section class="card">
      <h2>{st().assignTitle}</h2>
      <p class="muted">{st().assignLead}</p>
      <Show when={props.collectors.length > 0} fallback={<p class="muted">{st().noCollectors}</p>}>
        <label class="lbl" for="assign-campaign">
          {st().campaign}
        </label>
        <select id="assign-campaign" class="field" value={chosenCampaign()} onChange={(e) => setCampaignId(e.currentTarget.value)}>
          <For each={campaignList()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
        <label class="lbl" for="assign-user">
          {st().collector}
        </label>
        <select id="assign-user" class="field" value={chosenUser()} onChange={(e) => setUserId(e.currentTarget.value)}>
          <For each={props.collectors}>{(c) => <option value={c.id}>{c.displayName ? `${c.displayName} (${c.username})` : c.username}</option>}</For>
        </select>
        <Show when={failureOf(detail()) ?? failureOf(assigned())}>{(f) => <Failure failure={f()} retry={() => (refetchDetail(), refetchAssigned())} />}</Show>
        <div class="filters">
          <div>
            <label class="lbl" for="assign-type">
              {st().filterType}
            </label>
            <select id="assign-type" class="field" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="">{ct().allTypes}</option>
              <For each={types()}>{(code) => <option value={code}>{ct().types[code] ?? code}</option>}</For>
            </select>
          </div>
          <Show when={parents().length > 0}>
            <div>
              <label class="lbl" for="assign-parent">
                {st().filterParent}
              </label>
              <select id="assign-parent" class="field" value={parent()} onChange={(e) => setParent(e.currentTarget.value)}>
                <option value="">{st().anyParent}</option>
                <For each={parents()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
              </select>
            </div>
          </Show>
          <div>
            <label class="lbl" for="assign-query">
              {st().filterName}
            </label>
            <input id="assign-query" class="field" type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
          </div>
        </div>
        <div class="row-actions">
          <button class="btn secondary" type="button" onClick={() => setMany(true)}>
            {st().tickShown}
          </button>
          <button class="btn secondary" type="button" onClick={() => setMany(false)}>
            {st().untickShown}
          </button>
        </div>
        <p role="status">{st().chosen(ticked().size, units().length)}</p>
        <ul class="list units-pick" data-testid="assign-units">
          <For each={shown()}>
            {(u) => (
              <li>
                <label>
                  <input type="checkbox" checked={ticked().has(u.id)} onChange={(e) => tick(u.id, e.currentTarget.checked)} /> {u.name}{' '}
                  <span class="muted">
                    ({u.code} · {ct().types[u.type] ?? u.type})
                  </span>
                </label>
              </li>
            )}
          </For>
        </ul>
        <button class="btn" type="button" disabled={!chosenCampaign()} onClick={() => void save()}>
          {st().saveAssignment}
        </button>
        <OutcomeLine outcome={outcome()} />
      </Show>
    </section>
  );
}

import { createMemo, createSignal, For, Show, untrack } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { InvitationBatches } from './invitations-batches';
import { ct } from './text';
import { consoleApi } from './use-api';

/**
 * Issues invitation codes for one group (and unit, for own-unit forms) and prints them as
 * A4 slips with QR codes. Codes are shown once: the server keeps only their hashes.
 */
export function InvitationsPanel(props: { token: string; campaign: CampaignDetail }) {
  // The first group is only the initial choice; later campaign changes remount this panel.
  const [group, setGroup] = createSignal(untrack(() => props.campaign.groups[0]?.code ?? ''));
  const [unitId, setUnitId] = createSignal('');
  const [count, setCount] = createSignal(10);
  const [codes, setCodes] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // One form per group × unit type: the same group may rate agencies with one form and communes with another.
  const forms = createMemo(() => props.campaign.questionnaires.filter((q) => q.group === group()));
  const [unitType, setUnitType] = createSignal('');
  const form = createMemo(() => forms().find((q) => q.unitType === unitType()) ?? forms()[0]);
  const units = createMemo(() => props.campaign.units.filter((u) => u.type === form()?.unitType));
  const ownUnit = () => form()?.mode === 'own_unit';

  const issue = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { group: group(), count: count(), ...(ownUnit() ? { unitId: unitId() } : { unitType: form()?.unitType }) };
    const result = await consoleApi.postJson<{ codes: string[] }>(props.token, `/api/campaigns/${props.campaign.id}/invitations`, body);
    setBusy(false);
    if (!result.ok) return setError(result.failure.detail);
    setCodes(result.value.codes);
  };
  const print = async () => {
    // Opened now, inside the click, so the browser does not block it as a pop-up.
    const tab = window.open('', '_blank');
    const result = await consoleApi.postForBlob(props.token, `/api/campaigns/${props.campaign.id}/invitations/sheet`, { codes: codes() });
    if (!result.ok) {
      tab?.close();
      return setError(result.failure.detail);
    }
    const url = URL.createObjectURL(result.value);
    if (tab) tab.location.href = url;
    else window.location.href = url;
  };
  return (
    <section class="card">
      <form onSubmit={(e) => void issue(e)}>
        <label class="lbl" for="inv-group">
          {ct().group}
        </label>
        <select id="inv-group" class="field" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
          <For each={props.campaign.groups}>{(g) => <option value={g.code}>{g.name}</option>}</For>
        </select>
        <Show when={forms().length > 1}>
          <label class="lbl" for="inv-type">
            {ct().unitTypeRated}
          </label>
          <select id="inv-type" class="field" value={form()?.unitType ?? ''} onChange={(e) => {
              setUnitType(e.currentTarget.value);
              setUnitId('');
            }}>
            <For each={forms()}>{(q) => <option value={q.unitType}>{ct().types[q.unitType]}</option>}</For>
          </select>
        </Show>
        <Show when={ownUnit()} fallback={<p class="muted">{ct().crossNote}</p>}>
          <label class="lbl" for="inv-unit">
            {ct().unitForGroup}
          </label>
          <select id="inv-unit" class="field" required value={unitId()} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="" />
            <For each={units()}>
              {(u) => (
                <option value={u.id}>
                  {u.name} ({u.code})
                </option>
              )}
            </For>
          </select>
        </Show>
        <label class="lbl" for="inv-count">
          {ct().count}
        </label>
        <input id="inv-count" class="field" type="number" min="1" max="500" required value={count()} onInput={(e) => setCount(Number(e.currentTarget.value))} />
        <button class="btn" type="submit" disabled={busy() || !form()}>
          {ct().issue}
        </button>
      </form>
      <Show when={error()}>
        <p class="err" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={codes().length > 0}>
        <p class="banner">{ct().issued(codes().length)}</p>
        <button class="btn" type="button" onClick={() => void print()}>
          {ct().print}
        </button>
        <ul class="list">
          <For each={codes()}>
            {(code) => (
              <li>
                <code>{code}</code>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <InvitationBatches token={props.token} campaign={props.campaign} issued={codes()} />
    </section>
  );
}

import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { FLAG_CODES, FLAG_TITLES } from '../../../survey-forms/src/flag-text';
import { formatCount, formatNumber } from '../../../survey-forms/src/number-format';
import type { IntegrationTokenView, IssuedIntegrationToken, Publication, PublicationDiff, PublicationSummary } from '../../../survey-forms/src/review-api';
import type { StaffUser } from '../../lib/api';
import { formatTime, lang } from '../../lib/i18n';
import { Failure } from './failure';
import { type ResultNames, resultNames } from './results-names';
import { rt } from './review-text';
import { consoleApi, failureOf, saveBlob, useJson } from './use-api';
import './review.css';

/**
 * Publishing (docs/API.md §10 "Publishing"): publish a frozen version (after a confirmation),
 * the versions with their exports, what changed between two versions unit by unit, and (for
 * admins) the campaign's read-only integration tokens.
 */
export default function PublicationsPage(props: { token: string; role: StaffUser['role']; campaign: CampaignDetail }) {
  const base = () => `/api/campaigns/${props.campaign.id}`;
  const [list, refetch] = useJson<PublicationSummary[]>(() => props.token, () => `${base()}/publications`);
  const versions = createMemo(() => {
    const d = list();
    return d?.ok ? d.value : [];
  });
  const [message, setMessage] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const publish = async () => {
    if (!confirm(rt().confirmPublish)) return;
    const result = await consoleApi.postJson<Publication>(props.token, `${base()}/publications`, {});
    if (!result.ok) return setError(result.failure.detail);
    setMessage(rt().published(result.value.version));
    refetch();
  };
  const download = async (version: number, file: 'scores' | 'scores.csv' | 'scores.xlsx' | 'scores-report.xlsx', name: string) => {
    const result = await consoleApi.getBlob(props.token, `${base()}/publications/${version}/${file}`);
    if (result.ok) saveBlob(result.value, name);
    else setError(result.failure.detail);
  };
  const names = createMemo(() => resultNames(props.campaign));
  return (
    <>
      <section class="card" data-testid="publications-page">
        <h2>{rt().pubTitle}</h2>
        <p class="muted">{rt().pubLead}</p>
        <button class="btn" type="button" onClick={() => void publish()}>
          {rt().publish}
        </button>
        <Show when={message()}>
          <p role="status">{message()}</p>
        </Show>
        <Show when={error()}>
          <p class="err" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={failureOf(list())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
        <Show when={list()?.ok && versions().length === 0}>
          <p>{rt().noVersions}</p>
        </Show>
        <Show when={versions().length > 0}>
          <div class="table-scroll">
            <table class="cmp stack-on-phone pub-rows" data-testid="publications-table">
              <thead>
                <tr>
                  <th scope="col">{rt().version}</th>
                  <th scope="col">{rt().publishedAt}</th>
                  <th scope="col">{rt().publishedBy}</th>
                  <th scope="col">{rt().responses}</th>
                  <th scope="col">{rt().excludedCount}</th>
                  <th scope="col">{rt().inputsHash}</th>
                  <th scope="col">{rt().downloads}</th>
                </tr>
              </thead>
              <tbody>
                <For each={versions()}>
                  {(p) => (
                    <tr data-version={p.version}>
                      <td class="row-head">
                        {rt().version} {p.version}
                      </td>
                      <td data-label={rt().publishedAt}>{formatTime(p.publishedAt)}</td>
                      <td data-label={rt().publishedBy}>{p.publishedBy}</td>
                      <td data-label={rt().responses}>{formatCount(p.responses)}</td>
                      <td data-label={rt().excludedCount} data-excluded={p.excluded}>
                        {formatCount(p.excluded)}
                      </td>
                      <td data-label={rt().inputsHash}>
                        <code title={p.inputsHash}>{p.inputsHash.slice(0, 12)}…</code>
                      </td>
                      <td class="row-actions label-above">
                        <button
                          class="btn"
                          type="button"
                          data-testid="version-report"
                          onClick={() => void download(p.version, 'scores-report.xlsx', `bao-cao-diem-${props.campaign.year}-v${p.version}.xlsx`)}
                        >
                          {rt().reportXlsx}
                        </button>
                        <span class="muted">{rt().machineExports}</span>
                        <button class="btn secondary" type="button" onClick={() => void download(p.version, 'scores.xlsx', `diem-${props.campaign.id}-v${p.version}.xlsx`)}>
                          Excel
                        </button>
                        <button class="btn secondary" type="button" onClick={() => void download(p.version, 'scores.csv', `diem-${props.campaign.id}-v${p.version}.csv`)}>
                          CSV
                        </button>
                        <button class="btn secondary" type="button" onClick={() => void download(p.version, 'scores', `diem-${props.campaign.id}-v${p.version}.json`)}>
                          JSON
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
      <Show when={versions().length > 1}>
        <DiffPanel token={props.token} base={base()} versions={versions()} names={names()} />
      </Show>
      <Show when={props.role === 'admin'}>
        <TokensPanel token={props.token} base={base()} />
      </Show>
    </>
  );
}

/** A flag code of a diff by its short name in the interface language. */
const flagTitle = (code: string): string => {
  const known = FLAG_CODES.find((c) => c === code);
  return known ? FLAG_TITLES[lang()][known] : code;
};

function DiffPanel(props: { token: string; base: string; versions: PublicationSummary[]; names: ResultNames }) {
  const last = () => props.versions[props.versions.length - 1]?.version ?? 1;
  const [from, setFrom] = createSignal(Math.max(1, last() - 1));
  const [to, setTo] = createSignal(last());
  const [path, setPath] = createSignal('');
  const [diff, refetch] = useJson<PublicationDiff>(() => props.token, path);
  const units = createMemo(() => {
    const d = diff();
    return d?.ok ? d.value.units : [];
  });
  const changed = createMemo(() => units().filter((u) => u.changed));
  const pair = (c: { from: number | null; to: number | null }, digits = 1) =>
    c.from === c.to ? formatNumber(c.to, digits) : `${formatNumber(c.from, digits)} → ${formatNumber(c.to, digits)}`;
  const criterionName = (code: string) => props.names.criterion(code)?.name ?? code;
  const select = (id: string, label: string, value: () => number, set: (v: number) => void) => (
    <>
      <label class="lbl" for={id}>
        {label}
      </label>
      <select id={id} class="field" value={String(value())} onChange={(e) => set(Number(e.currentTarget.value))}>
        <For each={props.versions}>{(p) => <option value={String(p.version)}>{p.version}</option>}</For>
      </select>
    </>
  );
  return (
    <section class="card" data-testid="diff-panel">
      <h2>{rt().compare}</h2>
      {select('diff-from', rt().from, from, setFrom)}
      {select('diff-to', rt().to, to, setTo)}
      <button class="btn secondary" type="button" onClick={() => setPath(`${props.base}/publications/${from()}/diff/${to()}`)}>
        {rt().show}
      </button>
      <Show when={failureOf(diff())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={diff()?.ok}>
        <p role="status">{rt().changedUnits(changed().length, units().length)}</p>
        <div class="table-scroll">
          <table class="cmp stack-on-phone diff-rows" data-testid="diff-table">
            <thead>
              <tr>
                <th scope="col">{rt().unit}</th>
                <th scope="col">{rt().percent}</th>
                <th scope="col">{rt().rank}</th>
                <th scope="col">{rt().respondents}</th>
                <th scope="col">{rt().excludedCount}</th>
                <th scope="col">{rt().criteriaChanged}</th>
                <th scope="col">{rt().flagsChanged}</th>
              </tr>
            </thead>
            <tbody>
              <For each={units()}>
                {(u) => (
                  <tr data-unit={u.code} data-changed={String(u.changed)} class={u.changed ? '' : 'muted'}>
                    <th scope="row" class="row-head">
                      {u.name} <span class="muted">{u.code}</span>
                    </th>
                    <td data-label={rt().percent}>{pair(u.percent)}</td>
                    <td data-label={rt().rank}>{pair(u.rank, 0)}</td>
                    <td data-label={rt().respondents}>{pair(u.respondents, 0)}</td>
                    <td data-label={rt().excludedCount}>{pair(u.excluded, 0)}</td>
                    <td class="wrap" data-label={u.criteria.length > 0 ? rt().criteriaChanged : undefined}>
                      {u.criteria.length === 0 ? (
                        u.changed ? '' : rt().unchanged
                      ) : (
                        <For each={u.criteria}>
                          {(c) => (
                            <div data-criterion={c.criterionId}>
                              {criterionName(c.criterionId)} <span class="muted code">{c.criterionId}</span>: {formatNumber(c.from, 2)} → {formatNumber(c.to, 2)}
                            </div>
                          )}
                        </For>
                      )}
                    </td>
                    <td class="wrap" data-label={u.flagsAdded.length + u.flagsRemoved.length > 0 ? rt().flagsChanged : undefined}>{[...u.flagsAdded.map((f) => `+ ${flagTitle(f)}`), ...u.flagsRemoved.map((f) => `− ${flagTitle(f)}`)].join('; ')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

function TokensPanel(props: { token: string; base: string }) {
  const [list, refetch] = useJson<IntegrationTokenView[]>(() => props.token, () => `${props.base}/integration-tokens`);
  const tokens = createMemo(() => {
    const d = list();
    return d?.ok ? d.value : [];
  });
  const [label, setLabel] = createSignal('');
  const [issued, setIssued] = createSignal<IssuedIntegrationToken>();
  const [error, setError] = createSignal<string>();
  const issue = async () => {
    const result = await consoleApi.postJson<IssuedIntegrationToken>(props.token, `${props.base}/integration-tokens`, { label: label().trim() });
    if (!result.ok) return setError(result.failure.detail);
    setIssued(result.value);
    setLabel('');
    refetch();
  };
  const revoke = async (t: IntegrationTokenView) => {
    if (!confirm(rt().confirmRevoke(t.label))) return;
    const result = await consoleApi.change<IntegrationTokenView>(props.token, 'DELETE', `${props.base}/integration-tokens/${t.id}`);
    if (!result.ok) return setError(result.failure.detail);
    refetch();
  };
  return (
    <section class="card" data-testid="tokens-panel">
      <h2>{rt().tokensTitle}</h2>
      <p class="muted">{rt().tokensLead}</p>
      <label class="lbl" for="token-label">
        {rt().tokenLabel}
      </label>
      <input id="token-label" class="field" type="text" maxLength={100} value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
      <button class="btn" type="button" disabled={label().trim().length === 0} onClick={() => void issue()}>
        {rt().issueToken}
      </button>
      <Show when={issued()}>
        {(t) => (
          <p class="banner" role="status">
            {rt().tokenShownOnce} <code class="token-code" data-testid="issued-token">{t().token}</code>
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="err" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={failureOf(list())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={list()?.ok && tokens().length === 0}>
        <p class="muted">{rt().noTokens}</p>
      </Show>
      <ul>
        <For each={tokens()}>
          {(t) => (
            <li data-token={t.id}>
              <strong>{t.label}</strong> · {rt().createdAt}: {formatTime(t.createdAt)} ({t.createdBy}) ·{' '}
              {t.revokedAt ? `${rt().revokedAt}: ${formatTime(t.revokedAt)}` : rt().active}{' '}
              <Show when={!t.revokedAt}>
                <button class="btn secondary" type="button" onClick={() => void revoke(t)}>
                  {rt().revoke}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

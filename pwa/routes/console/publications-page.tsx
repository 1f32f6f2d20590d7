import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { FLAG_CODES, FLAG_TITLES } from '../../../survey-forms/src/flag-text';
import { formatCount, formatNumber } from '../../../survey-forms/src/number-format';
import type { IntegrationTokenView, IssuedIntegrationToken, Publication, PublicationDiff, PublicationSummary } from '../../../survey-forms/src/review-api';
import type { StaffUser } from '../../lib/api';
import { formatTime, lang } from '../../lib/i18n';
import { ExportRow } from './export-row';
import { Failure } from './failure';
import { ConfirmButton, done, failed, type Outcome, OutcomeLine } from './outcome';
import { type ResultNames, resultNames } from './results-names';
import { rvt } from './review-text';
import { ct } from './text';
import { consoleApi, failureOf, useJson } from './use-api';
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
  const [outcome, setOutcome] = createSignal<Outcome>();
  // The server's detail alone, without its list of problems: what this page has always said.
  const fail = (f: { detail: string }) => setOutcome(failed({ detail: f.detail }));
  const publish = async () => {
    const result = await consoleApi.postJson<Publication>(props.token, `${base()}/publications`, {});
    if (!result.ok) return fail(result.failure);
    setOutcome(done(rvt().published(result.value.version)));
    refetch();
  };
  const file = (version: number, path: 'scores' | 'scores.csv' | 'scores.xlsx' | 'scores-report.xlsx', label: string, filename: string) => ({
    label,
    path: `${base()}/publications/${version}/${path}`,
    filename,
  });
  const names = createMemo(() => resultNames(props.campaign));
  return (
    <>
      <section class="card" data-testid="publications-page">
        <h2>{rvt().pubTitle}</h2>
        <p class="muted">{rvt().pubLead}</p>
        <ConfirmButton ask={rvt().confirmPublish} onConfirm={publish}>
          {rvt().publish}
        </ConfirmButton>
        <OutcomeLine outcome={outcome()} />
        <Show when={failureOf(list())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
        <Show when={list()?.ok && versions().length === 0}>
          <p>{rvt().noVersions}</p>
        </Show>
        <Show when={versions().length > 0}>
          <div class="table-scroll">
            <table class="cmp stack-on-phone pub-rows" data-testid="publications-table">
              <thead>
                <tr>
                  <th scope="col">{rvt().version}</th>
                  <th scope="col">{rvt().publishedAt}</th>
                  <th scope="col">{rvt().publishedBy}</th>
                  <th scope="col">{ct().responses}</th>
                  <th scope="col">{rvt().excludedCount}</th>
                  <th scope="col">{rvt().inputsHash}</th>
                  <th scope="col">{rvt().downloads}</th>
                </tr>
              </thead>
              <tbody>
                <For each={versions()}>
                  {(p) => (
                    <tr data-version={p.version}>
                      <td class="row-head">
                        {rvt().version} {p.version}
                      </td>
                      <td data-label={rvt().publishedAt}>{formatTime(p.publishedAt)}</td>
                      <td data-label={rvt().publishedBy}>{p.publishedBy}</td>
                      <td data-label={ct().responses}>{formatCount(p.responses)}</td>
                      <td data-label={rvt().excludedCount} data-excluded={p.excluded}>
                        {formatCount(p.excluded)}
                      </td>
                      <td data-label={rvt().inputsHash}>
                        <code title={p.inputsHash}>{p.inputsHash.slice(0, 12)}…</code>
                      </td>
                      <td class="row-actions label-above">
                        <ExportRow
                          token={props.token}
                          reportTestId="version-report"
                          report={file(p.version, 'scores-report.xlsx', rvt().reportXlsx, `bao-cao-diem-${props.campaign.year}-v${p.version}.xlsx`)}
                          machine={[
                            file(p.version, 'scores.xlsx', 'Excel', `diem-${props.campaign.id}-v${p.version}.xlsx`),
                            file(p.version, 'scores.csv', 'CSV', `diem-${props.campaign.id}-v${p.version}.csv`),
                            file(p.version, 'scores', 'JSON', `diem-${props.campaign.id}-v${p.version}.json`),
                          ]}
                          onFailure={fail}
                        />
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

/**
 * A flag code of a diff by its short name in the interface language. Not results-format.ts's
 * flagTitle: a diff's codes are plain strings (a frozen version may hold a code no longer known),
 * and that one takes a known ScoreFlag code.
 */
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
      <h2>{rvt().compare}</h2>
      {select('diff-from', rvt().from, from, setFrom)}
      {select('diff-to', rvt().to, to, setTo)}
      <button class="btn secondary" type="button" onClick={() => setPath(`${props.base}/publications/${from()}/diff/${to()}`)}>
        {rvt().show}
      </button>
      <Show when={failureOf(diff())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={diff()?.ok}>
        <p role="status">{rvt().changedUnits(changed().length, units().length)}</p>
        <div class="table-scroll">
          <table class="cmp stack-on-phone diff-rows" data-testid="diff-table">
            <thead>
              <tr>
                <th scope="col">{ct().unit}</th>
                <th scope="col">{ct().percent}</th>
                <th scope="col">{ct().rank}</th>
                <th scope="col">{ct().respondents}</th>
                <th scope="col">{rvt().excludedCount}</th>
                <th scope="col">{rvt().criteriaChanged}</th>
                <th scope="col">{rvt().flagsChanged}</th>
              </tr>
            </thead>
            <tbody>
              <For each={units()}>
                {(u) => (
                  <tr data-unit={u.code} data-changed={String(u.changed)} class={u.changed ? '' : 'muted'}>
                    <th scope="row" class="row-head">
                      {u.name} <span class="muted">{u.code}</span>
                    </th>
                    <td data-label={ct().percent}>{pair(u.percent)}</td>
                    <td data-label={ct().rank}>{pair(u.rank, 0)}</td>
                    <td data-label={ct().respondents}>{pair(u.respondents, 0)}</td>
                    <td data-label={rvt().excludedCount}>{pair(u.excluded, 0)}</td>
                    <td class="wrap" data-label={u.criteria.length > 0 ? rvt().criteriaChanged : undefined}>
                      {u.criteria.length === 0 ? (
                        u.changed ? '' : rvt().unchanged
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
                    <td class="wrap" data-label={u.flagsAdded.length + u.flagsRemoved.length > 0 ? rvt().flagsChanged : undefined}>{[...u.flagsAdded.map((f) => `+ ${flagTitle(f)}`), ...u.flagsRemoved.map((f) => `− ${flagTitle(f)}`)].join('; ')}</td>
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
  const [outcome, setOutcome] = createSignal<Outcome>();
  // The server's detail alone, as on the publications card above.
  const fail = (f: { detail: string }) => setOutcome(failed({ detail: f.detail }));
  const issue = async () => {
    const result = await consoleApi.postJson<IssuedIntegrationToken>(props.token, `${props.base}/integration-tokens`, { label: label().trim() });
    if (!result.ok) return fail(result.failure);
    setIssued(result.value);
    setLabel('');
    refetch();
  };
  const revoke = async (t: IntegrationTokenView) => {
    const result = await consoleApi.change<IntegrationTokenView>(props.token, 'DELETE', `${props.base}/integration-tokens/${t.id}`);
    if (!result.ok) return fail(result.failure);
    refetch();
  };
  return (
    <section class="card" data-testid="tokens-panel">
      <h2>{rvt().tokensTitle}</h2>
      <p class="muted">{rvt().tokensLead}</p>
      <label class="lbl" for="token-label">
        {rvt().tokenLabel}
      </label>
      <input id="token-label" class="field" type="text" maxLength={100} value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
      <button class="btn" type="button" disabled={label().trim().length === 0} onClick={() => void issue()}>
        {rvt().issueToken}
      </button>
      <Show when={issued()}>
        {(t) => (
          <p class="banner" role="status">
            {rvt().tokenShownOnce} <code class="token-code" data-testid="issued-token">{t().token}</code>
          </p>
        )}
      </Show>
      <OutcomeLine outcome={outcome()} />
      <Show when={failureOf(list())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={list()?.ok && tokens().length === 0}>
        <p class="muted">{rvt().noTokens}</p>
      </Show>
      <ul>
        <For each={tokens()}>
          {(t) => (
            <li data-token={t.id}>
              <strong>{t.label}</strong> · {rvt().createdAt}: {formatTime(t.createdAt)} ({t.createdBy}) ·{' '}
              {t.revokedAt ? `${rvt().revokedAt}: ${formatTime(t.revokedAt)}` : rvt().active}{' '}
              <Show when={!t.revokedAt}>
                <ConfirmButton secondary ask={rvt().confirmRevoke(t.label)} onConfirm={() => revoke(t)}>
                  {rvt().revoke}
                </ConfirmButton>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

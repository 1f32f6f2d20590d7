import { For, Show } from 'solid-js';
import type { IndexTree } from '../../../survey-forms/src/index-tree';
import { SheetImport } from './setup-import';
import { st } from './setup-text';
import type { StepProps } from './setup-view';

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The points the survey scores: sub-criteria with points, else criteria with points (survey-forms index-tree.ts). */
function scoredSum(tree: IndexTree): number {
  let sum = 0;
  for (const f of tree.fields) {
    for (const c of f.criteria) {
      const subs = c.subCriteria.filter((s) => s.maxPoints !== undefined);
      sum += subs.length > 0 ? subs.reduce((a, s) => a + (s.maxPoints ?? 0), 0) : (c.maxPoints ?? 0);
    }
  }
  return round(sum);
}

/** The index as a tree with each node's maximum points, and the sum checked against the survey share. */
function IndexTreeView(props: { tree: IndexTree }) {
  const sum = () => scoredSum(props.tree);
  const ok = () => Math.abs(sum() - props.tree.surveyShare) < 1e-6;
  const pts = (p: number | undefined) => (p === undefined ? '' : ` — ${p}`);
  return (
    <>
      <p class={ok() ? 'ok' : 'err'} data-testid="index-sum">
        {ok() ? st().sumOk(sum(), props.tree.surveyShare) : st().sumBad(sum(), props.tree.surveyShare)}
      </p>
      <ul class="tree">
        <For each={props.tree.fields}>
          {(f) => (
            <li>
              <strong>
                {f.code}. {f.name}
              </strong>
              <ul>
                <For each={f.criteria}>
                  {(c) => (
                    <li>
                      {c.code} {c.name}
                      {pts(c.maxPoints)}
                      <Show when={c.subCriteria.length > 0}>
                        <ul>
                          <For each={c.subCriteria}>
                            {(s) => (
                              <li>
                                {s.code} {s.name}
                                {pts(s.maxPoints)}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}

/** Step 4: the index tree from a spreadsheet (preview as a tree with the sum check, then replace); exported the same way. */
export function SetupIndex(props: StepProps) {
  return (
    <section class="card">
      <h2>{st().steps.index}</h2>
      <SheetImport<{ index: IndexTree }>
        token={props.token}
        base={`/api/campaigns/${props.campaign.id}/index`}
        fileName="bo-chi-so"
        disabled={props.campaign.status !== 'draft'}
        onSaved={props.reload}
        preview={(p) => (
          <>
            <p class="banner">{st().indexPreview}</p>
            <IndexTreeView tree={p.index} />
          </>
        )}
      />
      <h3>{st().steps.index}</h3>
      <Show when={props.campaign.index} fallback={<p class="muted">{st().noIndex}</p>}>
        {(tree) => <IndexTreeView tree={tree()} />}
      </Show>
    </section>
  );
}

import { For, Show } from 'solid-js';
import type { UnitView } from '../../../survey-forms/src/api';
import { SheetImport } from './setup-import';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { ct } from './text';

interface UnitsPreview {
  units: { code: string; name: string; type: string; parentCode: string | null }[];
  added: number;
  removed: string[];
}

function UnitTable(props: { units: { code: string; name: string; type: string; parent: string }[] }) {
  return (
    <div class="scroll">
      <table class="cmp">
        <thead>
          <tr>
            <th>{st().code}</th>
            <th>{ct().unit}</th>
            <th>{st().type}</th>
            <th>{st().parent}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.units}>
            {(u) => (
              <tr>
                <td>
                  <code>{u.code}</code>
                </td>
                <td>{u.name}</td>
                <td>{ct().types[u.type] ?? u.type}</td>
                <td>{u.parent}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** Step 3: the unit list from a spreadsheet (preview, then replace), shown with each unit's parent; exported the same way. */
export function SetupUnits(props: StepProps) {
  const parentName = (units: readonly UnitView[], id: string | null) => {
    const p = id ? units.find((u) => u.id === id) : undefined;
    return p ? `${p.name} (${p.code})` : '';
  };
  const counts = () => (['so', 'huyen', 'xa'] as const).map((type) => [type, props.campaign.units.filter((u) => u.type === type).length] as const).filter(([, n]) => n > 0).map(([type, n]) => `${ct().types[type]}: ${n}`);
  return (
    <section class="card">
      <h2>{st().steps.units}</h2>
      <SheetImport<UnitsPreview>
        token={props.token}
        base={`/api/campaigns/${props.campaign.id}/units`}
        fileName="don-vi"
        disabled={props.campaign.status !== 'draft'}
        onSaved={props.reload}
        preview={(p) => (
          <>
            <p class="banner">{st().unitsPreview(p.units.length, p.added, p.removed.length)}</p>
            <Show when={p.removed.length > 0}>
              <p class="warn">
                {st().removedUnits}: {p.removed.join(', ')}
              </p>
            </Show>
            <UnitTable units={p.units.map((u) => ({ ...u, parent: u.parentCode ?? '' }))} />
          </>
        )}
      />
      <h3>
        {st().steps.units} · {props.campaign.units.length}
      </h3>
      <p class="muted">{counts().join(' · ')}</p>
      <Show when={props.campaign.units.length > 0} fallback={<p class="muted">{st().noUnits}</p>}>
        <UnitTable units={props.campaign.units.map((u) => ({ ...u, parent: parentName(props.campaign.units, u.parentId) }))} />
      </Show>
    </section>
  );
}

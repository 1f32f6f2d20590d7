import { createMemo, createSignal, For, Show } from 'solid-js';
import { mt } from './matrix-text';
import { findUnits, type MatrixUnit, type UnitProgress } from './matrix-logic';

/**
 * Find a unit by name, Vietnamese diacritics and case ignored ("tan phu" finds "Xã Tân Phú"),
 * and the list of units not finished yet; a tap opens the unit's page.
 */
export function UnitFinder(props: { units: readonly MatrixUnit[]; progress: ReadonlyMap<string, UnitProgress>; onPick: (unitId: string) => void }) {
  const [query, setQuery] = createSignal('');
  const [open, setOpen] = createSignal(false);
  const hits = createMemo(() => findUnits(props.units, query()));
  const left = createMemo(() => props.units.filter((u) => !isDone(props.progress.get(u.id))));
  const pick = (id: string) => {
    setQuery('');
    setOpen(false);
    props.onPick(id);
  };
  return (
    <div class="mx-find">
      <input class="field" type="search" placeholder={mt().findUnit} aria-label={mt().findUnit} value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
      <Show when={query().trim() !== ''}>
        <UnitList units={hits()} progress={props.progress} onPick={pick} />
        <Show when={hits().length === 0}>
          <p class="muted">{mt().noUnit}</p>
        </Show>
      </Show>
      <Show when={left().length > 0}>
        <button type="button" class="mx-left" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {mt().unitsLeft(left().length)}
        </button>
        <Show when={open()}>
          <UnitList units={left()} progress={props.progress} onPick={pick} />
        </Show>
      </Show>
    </div>
  );
}

function isDone(p: UnitProgress | undefined): boolean {
  return p !== undefined && p.answered === p.total;
}

function UnitList(props: { units: readonly MatrixUnit[]; progress: ReadonlyMap<string, UnitProgress>; onPick: (id: string) => void }) {
  return (
    <ul class="mx-units">
      <For each={props.units}>
        {(u) => (
          <li>
            <button type="button" class="mx-unit-btn" onClick={() => props.onPick(u.id)}>
              <span>{u.name}</span>
              <span class="mx-count" classList={{ done: isDone(props.progress.get(u.id)) }}>
                {props.progress.get(u.id)?.answered ?? 0}/{props.progress.get(u.id)?.total ?? 0}
              </span>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}

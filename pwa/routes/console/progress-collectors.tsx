import { For, Show } from 'solid-js';
import { formatCount } from '../../../survey-forms/src/number-format';
import { rt } from './results-text';
import type { ProgressReply } from './types';

/** Responses each collector synced (interviews, keyed paper forms); invitation responses carry no collector (docs/PRIVACY.md). */
export function ProgressCollectors(props: { collectors: ProgressReply['collectors'] }) {
  return (
    <section class="card" aria-labelledby="collectors-title">
      <h2 id="collectors-title">{rt().collectors}</h2>
      <p class="muted">{rt().collectorsNote}</p>
      <Show when={props.collectors.length > 0} fallback={<p class="muted">{rt().collectorsNone}</p>}>
        <table class="cmp">
          <thead>
            <tr>
              <th scope="col">{rt().collector}</th>
              <th scope="col" class="num">{rt().interview}</th>
              <th scope="col" class="num">{rt().paper}</th>
              <th scope="col" class="num">{rt().totalCol}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.collectors}>
              {(c) => (
                <tr>
                  <td>{c.name}</td>
                  <td class="num">{formatCount(c.interview)}</td>
                  <td class="num">{formatCount(c.paper)}</td>
                  <td class="num">
                    <strong>{formatCount(c.total)}</strong>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

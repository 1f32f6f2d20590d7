import { createSignal, For, Show } from 'solid-js';
import { formatTime } from '../../lib/i18n';
import { ConfirmButton, failed, type Outcome, OutcomeLine } from './outcome';
import { StaffReset } from './staff-reset';
import { st } from './staff-text';
import type { UserView } from './staff-types';
import { consoleApi } from './use-api';

/** Every staff account with its state, and the admin's actions: reset password, disable, re-enable. */
export function StaffTable(props: { token: string; selfId: string; users: UserView[]; onChanged: (user: UserView) => void }) {
  const [resetting, setResetting] = createSignal<string>();
  const [outcome, setOutcome] = createSignal<Outcome>();
  const toggle = async (u: UserView) => {
    setOutcome(undefined);
    const result = await consoleApi.postJson<UserView>(props.token, `/api/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, {});
    if (!result.ok) return setOutcome(failed(result.failure));
    props.onChanged(result.value);
  };
  return (
    <section class="card">
      <h2>{st().staffList}</h2>
      <OutcomeLine outcome={outcome()} />
      <table class="cmp stack-on-phone" data-testid="staff-table">
        <thead>
          <tr>
            <th scope="col">{st().username}</th>
            <th scope="col">{st().role}</th>
            <th scope="col">{st().state}</th>
            <th scope="col">{st().actions}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.users}>
            {(u) => (
              <>
                <tr data-username={u.username}>
                  <td class="row-head">
                    <strong>{u.username}</strong> <Show when={u.id === props.selfId}>{st().you}</Show>
                    <div class="muted">
                      {u.displayName} · {formatTime(u.createdAt)}
                    </div>
                  </td>
                  <td data-label={st().role}>{st().roles[u.role]}</td>
                  <td data-label={st().state}>
                    <span class={`tag ${u.disabled ? 'rejected' : 'sent'}`}>{u.disabled ? st().disabled : st().active}</span>
                    <Show when={u.mustChangePassword}>
                      <span class="tag queued">{st().mustChange}</span>
                    </Show>
                  </td>
                  <td>
                    <div class="row-actions">
                      <button class="btn secondary" type="button" aria-label={`${st().resetPassword}: ${u.username}`} onClick={() => setResetting(u.id)}>
                        {st().resetPassword}
                      </button>
                      <Show when={u.id !== props.selfId}>
                        <ConfirmButton
                          secondary
                          ask={u.disabled ? st().confirmEnable(u.username) : st().confirmDisable(u.username)}
                          label={`${u.disabled ? st().enable : st().disable}: ${u.username}`}
                          onConfirm={() => toggle(u)}
                        >
                          {u.disabled ? st().enable : st().disable}
                        </ConfirmButton>
                      </Show>
                    </div>
                  </td>
                </tr>
                <Show when={resetting() === u.id}>
                  <tr>
                    <td colSpan={4}>
                      <StaffReset token={props.token} user={u} onDone={props.onChanged} onCancel={() => setResetting(undefined)} />
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

import { createSignal, Show } from 'solid-js';
import { failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './staff-text';
import type { UserView } from './staff-types';
import { consoleApi } from './use-api';

/**
 * Resets one user's password: the admin types one, or the server generates one that is shown
 * here once. Either way the user must change it at next login.
 */
export function StaffReset(props: { token: string; user: UserView; onDone: (user: UserView) => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal('');
  const [generated, setGenerated] = createSignal<string>();
  const [done, setDone] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [busy, setBusy] = createSignal(false);
  const reset = async (body: { password?: string }) => {
    setBusy(true);
    setOutcome(undefined);
    const result = await consoleApi.postJson<UserView & { generatedPassword?: string }>(props.token, `/api/users/${props.user.id}/password`, body);
    setBusy(false);
    if (!result.ok) return setOutcome(failed(result.failure));
    const { generatedPassword, ...user } = result.value;
    setGenerated(generatedPassword);
    setDone(true);
    setPassword('');
    // Handed up when closed: refreshing the list now would remount this panel and lose the password shown.
    updated = user;
  };
  let updated: UserView | undefined;
  const close = () => {
    if (updated) props.onDone(updated);
    props.onCancel();
  };
  return (
    <div class="card" role="group" aria-label={st().resetFor(props.user.username)}>
      <h3>{st().resetFor(props.user.username)}</h3>
      <Show
        when={!done()}
        fallback={
          <>
            <p role="status">{st().resetDone(props.user.username)}</p>
            <Show when={generated()}>
              {(g) => (
                <p>
                  {st().generatedOnce(props.user.username)} <code data-testid="generated-password">{g()}</code>
                </p>
              )}
            </Show>
            <button class="btn secondary" type="button" onClick={close}>
              OK
            </button>
          </>
        }
      >
        <p class="muted">{st().resetLead}</p>
        <form onSubmit={(e) => (e.preventDefault(), void reset({ password: password() }))}>
          <label class="lbl" for={`reset-${props.user.id}`}>
            {st().newPassword}
          </label>
          <input id={`reset-${props.user.id}`} class="field" type="text" required minLength={8} maxLength={200} autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
          <div class="row-actions">
            <button class="btn" type="submit" disabled={busy()}>
              {st().setPassword}
            </button>
            <button class="btn secondary" type="button" disabled={busy()} onClick={() => void reset({})}>
              {st().generate}
            </button>
            <button class="btn secondary" type="button" onClick={() => props.onCancel()}>
              {st().cancel}
            </button>
          </div>
        </form>
      </Show>
      <OutcomeLine outcome={outcome()} />
    </div>
  );
}

import { createResource, createSignal, Show } from 'solid-js';
import { createConsoleApi } from '../lib/staff-api';
import { navigate } from '../lib/router';
import { getSession, homeFor, login, logout } from '../lib/session';
import { getOutbox } from '../lib/store';
import { at } from './account-text';

const staffApi = createConsoleApi();

/**
 * `/account`: any staff member changes their own password and logs out. A printed or reset
 * password is replaced here first (login sends such a user here).
 */
export function Account() {
  const [session, { refetch }] = createResource(async () => getSession(await getOutbox()));
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const change = async (e: SubmitEvent) => {
    e.preventDefault();
    const s = session();
    if (!s) return;
    setError(undefined);
    if (next() !== repeat()) return setError(at().mismatch);
    setBusy(true);
    const result = await staffApi.postJson<{ changed: true }>(s.token, '/api/auth/password', { currentPassword: current(), newPassword: next() });
    if (!result.ok) {
      setBusy(false);
      return setError(result.failure.kind === 'network' ? at().needNet : result.failure.detail);
    }
    // A fresh login with the new password: a change may end the tokens issued before it.
    await login(await getOutbox(), s.user.username, next());
    setBusy(false);
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
    refetch();
  };
  const leave = async () => {
    await logout(await getOutbox());
    navigate('/login');
  };
  const field = (id: string, label: string, value: () => string, set: (v: string) => void, autocomplete: string) => (
    <>
      <label class="lbl" for={id}>
        {label}
      </label>
      <input id={id} class="field" type="password" required minLength={id === 'current-password' ? 1 : 8} maxLength={200} autocomplete={autocomplete} value={value()} onInput={(e) => set(e.currentTarget.value)} />
    </>
  );
  return (
    <Show when={!session.loading}>
      <Show
        when={session()}
        fallback={
          <section class="card">
            <p>{at().notLoggedIn}</p>
            <a class="btn" href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
              {at().login}
            </a>
          </section>
        }
      >
        {(s) => (
          <>
            <section class="card">
              <h1>{at().title}</h1>
              <p>{at().signedInAs(s().user.username, at().roles[s().user.role] ?? s().user.role)}</p>
              <Show when={s().user.mustChangePassword}>
                <p class="banner" role="alert">
                  {at().mustChange}
                </p>
              </Show>
            </section>
            <form class="card" onSubmit={(e) => void change(e)}>
              <h2>{at().changeTitle}</h2>
              {field('current-password', at().current, current, setCurrent, 'current-password')}
              {field('new-password', at().next, next, setNext, 'new-password')}
              {field('repeat-password', at().repeat, repeat, setRepeat, 'new-password')}
              <Show when={error()}>
                <p class="err" role="alert">
                  {error()}
                </p>
              </Show>
              <Show when={done()}>
                <p role="status">{at().changed}</p>
              </Show>
              <div class="row-actions">
                <button class="btn" type="submit" disabled={busy()}>
                  {at().change}
                </button>
                <Show when={!s().user.mustChangePassword}>
                  <a class="btn secondary" href={homeFor(s().user)} onClick={(e) => (e.preventDefault(), navigate(homeFor(s().user)))}>
                    {at().goOn}
                  </a>
                </Show>
              </div>
            </form>
            <section class="card">
              <p class="muted">{at().logoutNote}</p>
              <button class="btn secondary" type="button" onClick={() => void leave()}>
                {at().logout} ({s().user.username})
              </button>
            </section>
          </>
        )}
      </Show>
    </Show>
  );
}

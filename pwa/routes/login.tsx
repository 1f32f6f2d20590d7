import { createSignal, Show } from 'solid-js';
import { ht } from './home-text';
import { st } from '../lib/strings/staff';
import { navigate } from '../lib/router';
import { getSession, homeFor, login } from '../lib/session';
import { getOutbox, getScheduler } from '../lib/store';

/**
 * Login for every staff role (administrators, analysts, field collectors); respondents never
 * log in. A new login also un-expires the queue, which is then sent at once.
 */
export function Login() {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await login(await getOutbox(), username().trim(), password());
    setBusy(false);
    if (result !== 'ok') return setError(result === 'network' ? st().loginNeedsNet : st().loginFailed);
    void (await getScheduler()).syncNow();
    // Collectors collect; administrators and analysts work in the console; a given password is replaced first.
    const session = await getSession(await getOutbox());
    navigate(session ? homeFor(session.user) : '/login', true);
  };
  return (
    <section class="card">
      <h1>{ht().staffLogin}</h1>
      <p class="muted">{st().staffLoginLead}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label class="lbl" for="username">
          {st().username}
        </label>
        <input id="username" class="field" autocomplete="username" autocapitalize="none" required value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label class="lbl" for="password">
          {st().password}
        </label>
        <input id="password" class="field" type="password" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        <Show when={error()}>
          <p class="err" role="alert">
            {error()}
          </p>
        </Show>
        <button class="btn" type="submit" disabled={busy()}>
          {st().login}
        </button>
      </form>
    </section>
  );
}

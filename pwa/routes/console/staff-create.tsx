import { createSignal, For } from 'solid-js';
import { done, failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './staff-text';
import type { Role, UserView } from './staff-types';
import { consoleApi } from './use-api';

const ROLES: Role[] = ['collector', 'analyst', 'admin'];

/** Creates a staff account (admin): username, full name, role and a first password. */
export function StaffCreate(props: { token: string; onCreated: (user: UserView) => void }) {
  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [role, setRole] = createSignal<Role>('collector');
  const [password, setPassword] = createSignal('');
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    const body = { username: username().trim(), password: password(), role: role(), ...(displayName().trim() ? { displayName: displayName().trim() } : {}) };
    const result = await consoleApi.postJson<UserView>(props.token, '/api/users', body);
    setBusy(false);
    if (!result.ok) return setOutcome(failed(result.failure));
    setOutcome(done(st().created(result.value.username)));
    setUsername('');
    setDisplayName('');
    setPassword('');
    props.onCreated(result.value);
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)}>
      <h2>{st().create}</h2>
      <label class="lbl" for="new-username">
        {st().username}
      </label>
      <input id="new-username" class="field" required minLength={3} maxLength={64} pattern="[a-z0-9][a-z0-9._\-]*" autocapitalize="none" autocomplete="off" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
      <p class="muted">{st().usernameHint}</p>
      <label class="lbl" for="new-name">
        {st().displayName}
      </label>
      <input id="new-name" class="field" maxLength={200} value={displayName()} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      <label class="lbl" for="new-role">
        {st().role}
      </label>
      <select id="new-role" class="field" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
        <For each={ROLES}>{(r) => <option value={r}>{st().roles[r]}</option>}</For>
      </select>
      <label class="lbl" for="new-password">
        {st().password}
      </label>
      <input id="new-password" class="field" type="text" required minLength={8} maxLength={200} autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      <OutcomeLine outcome={outcome()} />
      <button class="btn" type="submit" disabled={busy()}>
        {st().create}
      </button>
    </form>
  );
}

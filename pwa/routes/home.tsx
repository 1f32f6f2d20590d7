import { createSignal } from 'solid-js';
import { normalizeCode } from '../lib/api';
import { t } from '../lib/i18n';
import { ht } from './home-text';
import { navigate } from '../lib/router';

/** `/`: type the invitation code from a paper slip, or go to the staff login. */
export function Home() {
  const [code, setCode] = createSignal('');
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const c = normalizeCode(code());
    if (c) navigate(`/r/${c}`);
  };
  return (
    <section class="card">
      <h1>{ht().homeTitle}</h1>
      <p>{ht().homeLead}</p>
      <form onSubmit={submit}>
        <label class="lbl" for="code">
          {ht().codeLabel}
        </label>
        <input id="code" class="field code" autocomplete="off" autocapitalize="characters" spellcheck={false} inputmode="text" required value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
        <button class="btn" type="submit">
          {t().open}
        </button>
      </form>
      <p>
        <a href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
          {ht().staffLogin}
        </a>
      </p>
    </section>
  );
}

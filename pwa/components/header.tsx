import { Show } from 'solid-js';
import { t, toggleLang } from '../lib/i18n';
import { online } from '../lib/store';

/** App name, language switch and a plain offline notice. */
export function Header() {
  return (
    <header class="top">
      <span class="brand">{t().appName}</span>
      <button type="button" class="link" onClick={toggleLang} lang={t().switchLang === 'English' ? 'en' : 'vi'}>
        {t().switchLang}
      </button>
      <Show when={!online()}>
        <p class="offline" role="status">
          {t().offline}
        </p>
      </Show>
    </header>
  );
}

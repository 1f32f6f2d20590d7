import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { t } from '../lib/i18n';

/**
 * A new app version waits for the user's consent (registerType 'prompt'). Updating only swaps
 * the app's code: answers and the queue live in IndexedDB, which a new version migrates
 * (lib/outbox.ts) and never clears.
 */
export default function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  return (
    <Show when={needRefresh()}>
      <div class="toast" role="alertdialog" aria-live="polite" aria-label={t().updateReady}>
        <p>{t().updateReady}</p>
        <button type="button" class="btn" onClick={() => void updateServiceWorker(true)}>
          {t().updateNow}
        </button>
        <button type="button" class="btn secondary" onClick={() => setNeedRefresh(false)}>
          {t().later}
        </button>
      </div>
    </Show>
  );
}

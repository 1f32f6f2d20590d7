import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { upt } from './update-prompt-text';

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
      <div class="toast" role="alertdialog" aria-live="polite" aria-label={upt().updateReady}>
        <p>{upt().updateReady}</p>
        <button type="button" class="btn" onClick={() => void updateServiceWorker(true)}>
          {upt().updateNow}
        </button>
        <button type="button" class="btn secondary" onClick={() => setNeedRefresh(false)}>
          {upt().later}
        </button>
      </div>
    </Show>
  );
}

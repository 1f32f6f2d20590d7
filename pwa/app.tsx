import { createSignal, lazy, Match, onMount, Show, Suspense, Switch } from 'solid-js';
import { Header } from './components/header';
import { path } from './lib/router';
import { t } from './lib/i18n';
import { preloadSync } from './lib/store';
import { Respond } from './routes/respond';

// Staff screens, the update prompt and the code-entry screen load on demand: the first load of
// an invitation link (/r/<code>) carries only what its intro and first question need.
const Home = lazy(() => import('./routes/home').then((m) => ({ default: m.Home })));
const Staff = lazy(() => import('./routes/staff'));
const Console = lazy(() => import('./routes/console'));
// Offline before the service worker has cached this chunk, the update prompt simply stays
// away (there is no update to offer without a network); the screen must not fail for it.
const UpdatePrompt = lazy(() => import('./components/update-prompt').catch(() => ({ default: () => null })));

/** Screens by path: `/` (type a code), `/r/<code>` (answer), `/login`, `/account`, `/collect…`, `/outbox` (staff), `/console…` (administrator and analyst). */
export function App() {
  const code = () => /^\/r\/([^/]+)\/?$/.exec(path())?.[1];
  // The service worker and its update prompt wait until the first screen is up, so they do
  // not compete with the form for a 3G connection.
  const [idle, setIdle] = createSignal(false);
  onMount(() => {
    // Then the sync client, which a respondent needs only to send (lib/store.ts).
    const start = () => (setIdle(true), void preloadSync());
    if (document.readyState === 'complete') setTimeout(start, 1500);
    else window.addEventListener('load', () => setTimeout(start, 1500), { once: true });
  });
  return (
    <>
      <Header />
      <main id="main">
        <Switch
          fallback={
            <Suspense>
              <Home />
            </Suspense>
          }
        >
          <Match when={code()}>{(c) => <Respond code={decodeURIComponent(c())} />}</Match>
          <Match when={/^\/(login|account|collect|outbox)(\/|$)/.test(path())}>
            <Suspense fallback={<p class="muted">{t().loading}</p>}>
              <Staff />
            </Suspense>
          </Match>
          <Match when={/^\/console(\/|$)/.test(path())}>
            <Suspense fallback={<p class="muted">{t().loading}</p>}>
              <Console />
            </Suspense>
          </Match>
        </Switch>
      </main>
      <Show when={idle()}>
        <Suspense>
          <UpdatePrompt />
        </Suspense>
      </Show>
    </>
  );
}

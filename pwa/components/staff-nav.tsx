import { Show } from 'solid-js';
import { t } from '../lib/i18n';
import { st } from '../lib/strings/staff';
import type { Session } from '../lib/outbox';
import { navigate } from '../lib/router';

/** Links between the collector's screens, and the expired-login notice. */
export function StaffNav(props: { session: Session | undefined }) {
  const link = (to: string, label: string) => (
    <a class="btn secondary" href={to} onClick={(e) => (e.preventDefault(), navigate(to))}>
      {label}
    </a>
  );
  return (
    <>
      <nav class="row-actions" aria-label={t().appName}>
        {link('/collect', st().campaigns)}
        {link('/outbox', st().outbox)}
      </nav>
      <Show when={props.session?.expired || !props.session}>
        <p class="banner" role="alert">
          {props.session ? st().sessionExpired : st().notLoggedIn}{' '}
          <a href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
            {st().login}
          </a>
        </p>
      </Show>
    </>
  );
}

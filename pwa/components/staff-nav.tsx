import { Show } from 'solid-js';
import { t } from '../lib/i18n';
import { st } from '../lib/strings/staff';
import type { Session } from '../lib/outbox';
import { navigate } from '../lib/router';
import { at } from '../routes/account-text';

/** Links between the collector's screens (with the account page), the expired-login notice, and the reminder to replace a given password. */
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
        {link('/account', at().title)}
      </nav>
      <Show when={props.session?.user.mustChangePassword}>
        <p class="banner" role="alert">
          {at().mustChange}{' '}
          <a href="/account" onClick={(e) => (e.preventDefault(), navigate('/account'))}>
            {at().changeTitle}
          </a>
        </p>
      </Show>
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

import { Show } from 'solid-js';
import type { Session } from '../../lib/outbox';
import { navigate, path } from '../../lib/router';
import { logout } from '../../lib/session';
import { getOutbox } from '../../lib/store';
import { st } from './staff-text';

/**
 * The console's top links (questionnaires for every analyst; admins also get Staff and Audit log), the account and log-out,
 * and the reminder to replace a given password.
 */
export function ConsoleNav(props: { session: Session }) {
  const link = (to: string, label: string, current: boolean) => (
    <a class={`btn ${current ? '' : 'secondary'}`} href={to} aria-current={current ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(to))}>
      {label}
    </a>
  );
  const leave = async () => {
    await logout(await getOutbox());
    navigate('/login');
  };
  const isAdmin = () => props.session.user.role === 'admin';
  return (
    <>
      <nav class="row-actions console-nav" aria-label={st().nav.campaigns}>
        {link('/console', st().nav.campaigns, path() === '/console' || path().startsWith('/console/c/'))}
        {link('/console/questionnaires', st().nav.questionnaires, path().startsWith('/console/questionnaires'))}
        <Show when={isAdmin()}>
          {link('/console/staff', st().nav.staff, path() === '/console/staff')}
          {link('/console/audit', st().nav.audit, path() === '/console/audit')}
        </Show>
        {link('/account', st().nav.account, false)}
        <button class="btn secondary" type="button" onClick={() => void leave()}>
          {st().nav.logout} ({props.session.user.username})
        </button>
      </nav>
      <Show when={props.session.user.mustChangePassword}>
        <p class="banner" role="alert">
          {st().mustChangeBanner}{' '}
          <a href="/account" onClick={(e) => (e.preventDefault(), navigate('/account'))}>
            {st().changeNow}
          </a>
        </p>
      </Show>
    </>
  );
}

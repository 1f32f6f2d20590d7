import { Match, Switch } from 'solid-js';
import { path } from '../lib/router';
import { Account } from './account';
import { Collect } from './collect';
import { Interview } from './interview';
import { Login } from './login';
import { OutboxScreen } from './outbox';
import '../staff.css';

/** The field staff's screens, loaded only when a staff path is opened. */
export default function Staff() {
  const draftId = () => /^\/collect\/d\/([^/]+)$/.exec(path())?.[1];
  return (
    <Switch fallback={<Collect />}>
      <Match when={path() === '/login'}>
        <Login />
      </Match>
      <Match when={path() === '/account'}>
        <Account />
      </Match>
      <Match when={path().startsWith('/outbox')}>
        <OutboxScreen />
      </Match>
      <Match when={draftId()}>{(id) => <Interview id={id()} />}</Match>
    </Switch>
  );
}

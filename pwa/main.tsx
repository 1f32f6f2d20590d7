import { render } from 'solid-js/web';
import { App } from './app';
import { restoreLang } from './lib/i18n';
import './styles.css';

performance.mark('par:main');
restoreLang();
const root = document.getElementById('app');
if (root) render(() => <App />, root);

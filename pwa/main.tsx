import { render } from 'solid-js/web';
import { App } from './app';
import { lang } from './lib/i18n';
import './styles.css';

performance.mark('par:main');
document.documentElement.lang = lang();
const root = document.getElementById('app');
if (root) render(() => <App />, root);

import { createSignal } from 'solid-js';
import { readPreference, writePreference } from './preferences';
import { respondentVi, type RespondentText } from './strings/respondent-vi';

/**
 * Interface language, Vietnamese first with English available; the choice is remembered per
 * device. Questionnaire content is data (Vietnamese) and is not translated here.
 *
 * Where text lives, so a respondent's first load carries only what a respondent reads, in one
 * language (docs/PWA.md "First load on a weak connection"):
 * - `strings/respondent-vi.ts`: what the intro and the questions say, in Vietnamese, the one
 *   definition of their keys (first load); `strings/respondent-en.ts`: English, loaded when
 *   someone switches;
 * - per-screen `*-text.ts` (both languages) for screens that come later: `routes/home-text.ts`,
 *   `components/send-status-text.ts`, `components/update-prompt-text.ts`,
 *   `components/matrix-text.ts`;
 * - `strings/staff.ts`: field staff's screens, in the staff chunk (`st()`);
 * - `routes/console/text.ts`: the console's, in the console chunk (`ct()`).
 * A new string goes into the Vietnamese dictionary of the screens that show it; TypeScript
 * then asks for its English.
 */
export type Lang = 'vi' | 'en';

let english: RespondentText | undefined;
// `lang` is the language on screen: it turns to 'en' only once the English text has arrived.
const [lang, setLangSignal] = createSignal<Lang>('vi');

export { lang };

/** The current respondent dictionary; reactive, so text switches in place when the language changes. */
export function t(): RespondentText {
  return lang() === 'en' && english ? english : respondentVi;
}

async function show(next: Lang): Promise<void> {
  if (next === 'en' && !english) english = (await import('./strings/respondent-en')).respondentEn;
  setLangSignal(next);
  document.documentElement.lang = next;
}

/**
 * Switches language. English text is fetched the first time (the service worker has it after
 * one online visit); offline before that, the screen stays in Vietnamese rather than fail.
 */
export function toggleLang(): void {
  const next: Lang = lang() === 'vi' ? 'en' : 'vi';
  show(next).then(
    () => writePreference('lang', next),
    () => undefined,
  );
}

/** At start-up: a device that chose English gets it as soon as its text has loaded. */
export function restoreLang(): void {
  if (readPreference('lang') === 'en') show('en').catch(() => undefined);
}

/** Local date and time as Vietnamese (and British) readers write it: "23/11/2026 18:40". */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

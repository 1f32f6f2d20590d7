import { type JSX, Show } from 'solid-js';

/**
 * What the console's set-up and staff pages say after an action, and the button that asks
 * before an action that cannot be undone: one place for both, so every page says it alike.
 */

/** The result of the last action on a card: a success (status) or a failure (alert). */
export interface Outcome {
  ok: boolean;
  text: string;
}

export const done = (text: string): Outcome => ({ ok: true, text });

/** A failed call as one line: the server's detail, then each problem it listed. */
export function failureText(f: { detail: string; errors?: { message: string }[] }): string {
  return [f.detail, ...(f.errors ?? []).map((e) => e.message)].join(' · ');
}

export const failed = (f: { detail: string; errors?: { message: string }[] }): Outcome => ({ ok: false, text: failureText(f) });

/** The outcome line: green and polite when it worked, red and announced at once when it did not; nothing before the first action. */
export function OutcomeLine(props: { outcome: Outcome | undefined }) {
  return (
    <Show when={props.outcome}>
      {(o) => (
        <p class={o().ok ? 'ok' : 'err'} role={o().ok ? 'status' : 'alert'}>
          {o().text}
        </p>
      )}
    </Show>
  );
}

/** A button that acts only once the user has confirmed `ask` (a step that cannot be undone, or loses data). */
export function ConfirmButton(props: { ask: string; onConfirm: () => unknown; secondary?: boolean; disabled?: boolean; label?: string; children: JSX.Element }) {
  return (
    <button
      class={props.secondary ? 'btn secondary' : 'btn'}
      type="button"
      disabled={props.disabled}
      aria-label={props.label}
      onClick={() => {
        if (confirm(props.ask)) void props.onConfirm();
      }}
    >
      {props.children}
    </button>
  );
}

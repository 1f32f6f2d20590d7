import { createEffect, Show } from 'solid-js';
import { mt } from './matrix-text';

/** A question before answers already given are replaced ("Điền cả cột", "Không đánh giá cả đơn vị"). */
export interface ReplaceAsk {
  /** How many answered cells hold another answer. */
  count: number;
  replaceAll: () => void;
  blanksOnly: () => void;
}

/**
 * The app's own modal dialog (not window.confirm): three plain choices, Escape or "Hủy" changes nothing.
 */
export function ConfirmReplace(props: { ask: ReplaceAsk | null; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (props.ask && dialog && !dialog.open) dialog.showModal();
    if (!props.ask && dialog?.open) dialog.close();
  });
  const choose = (action?: () => void) => {
    action?.();
    props.onClose();
  };
  return (
    <dialog ref={dialog} class="mx-dialog" aria-labelledby="mx-dialog-text" onClose={() => props.ask && props.onClose()}>
      <Show when={props.ask}>
        {(ask) => (
          <>
            <p id="mx-dialog-text">{mt().replaceAsk(ask().count)}</p>
            <div class="mx-dialog-actions">
              <button type="button" class="btn" onClick={() => choose(ask().replaceAll)}>
                {mt().replaceAll}
              </button>
              <button type="button" class="btn secondary" onClick={() => choose(ask().blanksOnly)}>
                {mt().blanksOnly}
              </button>
              <button type="button" class="btn secondary" onClick={() => choose()}>
                {mt().cancel}
              </button>
            </div>
          </>
        )}
      </Show>
    </dialog>
  );
}

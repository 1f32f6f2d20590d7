import { createSignal, type JSX, Show } from 'solid-js';
import type { ProblemItem } from '../../lib/api';
import { failureText } from './outcome';
import { st } from './setup-text';
import { SheetProblems } from './sheet-problems';
import { consoleApi, downloadFile } from './use-api';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One list in and out as a spreadsheet: choose a CSV or XLSX file, check it (the server's
 * `dryRun=true` preview: every bad cell with sheet, Excel row, column and what to fix, or what
 * the list will be), then save it; and download the list as CSV or Excel, which re-imports.
 */
export function SheetImport<T>(props: {
  token: string;
  /** e.g. /api/campaigns/:id/units: `${base}/import` and `${base}.csv|.xlsx`. */
  base: string;
  fileName: string;
  disabled: boolean;
  preview: (value: T) => JSX.Element;
  onSaved: () => void;
}) {
  const [file, setFile] = createSignal<Blob>();
  const [fileName, setFileName] = createSignal('');
  const [checked, setChecked] = createSignal<T>();
  const [errors, setErrors] = createSignal<ProblemItem[]>([]);
  const [message, setMessage] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const choose = (input: HTMLInputElement) => {
    const picked = input.files?.[0];
    setChecked(undefined);
    setErrors([]);
    setMessage(undefined);
    // Windows labels .csv files "application/vnd.ms-excel": the type is set from the name instead.
    setFileName(picked?.name ?? '');
    setFile(picked ? new Blob([picked], { type: /\.xlsx$/i.test(picked.name) ? XLSX_TYPE : 'text/csv' }) : undefined);
  };
  const send = async (dryRun: boolean) => {
    const f = file();
    if (!f) return;
    setBusy(true);
    const result = await consoleApi.postFile<T>(props.token, `${props.base}/import${dryRun ? '?dryRun=true' : ''}`, f);
    setBusy(false);
    if (!result.ok) {
      setChecked(undefined);
      const listed = result.failure.kind === 'http' && result.failure.code === 'spreadsheet.invalid' ? (result.failure.errors ?? []) : [];
      setErrors(listed);
      return setMessage(listed.length > 0 ? st().fileErrors(listed.length) : failureText(result.failure));
    }
    setErrors([]);
    setMessage(dryRun ? undefined : st().saved);
    if (dryRun) return setChecked(() => result.value);
    setChecked(undefined);
    props.onSaved();
  };
  const download = async (format: 'csv' | 'xlsx') => {
    const failure = await downloadFile(props.token, `${props.base}.${format}`, `${props.fileName}.${format}`);
    if (failure) setMessage(failureText(failure));
  };

  return (
    <div class="sheet-import">
      <div class="row-actions">
        <button class="btn secondary" type="button" onClick={() => void download('csv')}>
          {st().download} CSV
        </button>
        <button class="btn secondary" type="button" onClick={() => void download('xlsx')}>
          {st().download} Excel
        </button>
      </div>
      <Show when={!props.disabled}>
        <h3>{st().importTitle}</h3>
        {/* The browser's own file button speaks the browser's language: a button of ours, in the page's. */}
        <div class="row-actions">
          <label class="btn secondary">
            {st().chooseFile}
            <input class="visually-hidden" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => choose(e.currentTarget)} />
          </label>
          <Show when={fileName()}>
            <span class="muted wrap file-name">{fileName()}</span>
          </Show>
        </div>
        <div class="row-actions">
          <button class="btn secondary" type="button" disabled={!file() || busy()} onClick={() => void send(true)}>
            {st().check}
          </button>
          <Show when={checked() !== undefined}>
            <button class="btn" type="button" disabled={busy()} onClick={() => void send(false)}>
              {st().confirmImport}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={message()}>
        <p class={errors().length > 0 ? 'err' : 'muted'} role={errors().length > 0 ? 'alert' : 'status'}>
          {message()}
        </p>
      </Show>
      <Show when={errors().length > 0}>
        <SheetProblems problems={errors()} label={st().fileErrors(errors().length)} testId="sheet-errors" />
      </Show>
      <Show when={checked()}>{(value) => props.preview(value())}</Show>
    </div>
  );
}

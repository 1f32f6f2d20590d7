import { For } from 'solid-js';
import type { ApiFailure } from '../../lib/api';
import { rvt } from './review-text';
import { downloadFile } from './use-api';

/** One file to download: the button's words, the API path, the name it is saved under. */
export interface ExportFile {
  label: string;
  path: string;
  filename: string;
}

/**
 * The downloads of a set of scores (the live ones on the scores tab, a published version):
 * the workbook for people first, then the files for the index software, so both pages offer
 * them alike. The caller places them (a bar, a table cell) and shows a failed download.
 */
export function ExportRow(props: { token: string; report: ExportFile; machine: readonly ExportFile[]; reportTestId?: string; onFailure: (failure: ApiFailure) => void }) {
  const save = async (file: ExportFile) => {
    const failure = await downloadFile(props.token, file.path, file.filename);
    if (failure) props.onFailure(failure);
  };
  return (
    <>
      <button class="btn" type="button" data-testid={props.reportTestId} onClick={() => void save(props.report)}>
        {props.report.label}
      </button>
      <span class="muted">{rvt().machineExports}</span>
      <For each={props.machine}>
        {(file) => (
          <button class="btn secondary" type="button" onClick={() => void save(file)}>
            {file.label}
          </button>
        )}
      </For>
    </>
  );
}

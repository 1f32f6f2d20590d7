import type { ApiFailure } from '../../lib/api';
import { ct } from './text';

/** How the console shows a failed load: the server's own detail, and a retry. */
export function Failure(props: { failure: ApiFailure; retry: () => void }) {
  return (
    <div class="card warn" role="alert">
      <p>
        {ct().loadFailed}: {props.failure.detail}
      </p>
      <button class="btn secondary" type="button" onClick={() => props.retry()}>
        {ct().retry}
      </button>
    </div>
  );
}

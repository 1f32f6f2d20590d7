import type { Db } from '../../db/client';

// Being written (issue 2): loads the demo province on an empty database.
export async function loadDemo(_db: Db): Promise<{ loaded: boolean; summary: string }> {
  return { loaded: false, summary: '' };
}

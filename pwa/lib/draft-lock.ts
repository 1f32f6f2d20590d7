/**
 * One draft cannot be edited in two tabs at once: the tab that opens a draft holds a Web Lock
 * named after it until it leaves the draft. A second tab sees the lock taken and says so.
 * Browsers without Web Locks (very old ones) fall back to no locking.
 */
export async function lockDraft(id: string): Promise<(() => void) | null> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return () => {};
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const acquired = await new Promise<boolean>((resolve) => {
    void navigator.locks.request(`par-draft-${id}`, { ifAvailable: true }, async (lock) => {
      resolve(lock !== null);
      if (lock) await held;
    });
  });
  return acquired ? release : null;
}

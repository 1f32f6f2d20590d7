import { describe, expect, it } from 'vitest';
import { invitationPreload } from '../plugins/pwa-static';

/** server/plugins/pwa-static.ts: an invitation link's page preloads its questionnaire (Link header). */
describe('the preload of an invitation page', () => {
  it('names the canonical code, whatever the person typed', () => {
    const link = '</api/invitations/AB1C0DEFGH>; rel=preload; as=fetch; crossorigin=anonymous';
    expect(invitationPreload('/r/AB1C0DEFGH')).toBe(link);
    expect(invitationPreload('/r/abic0-defgh/')).toBe(link);
    expect(invitationPreload('/r/ABLCO%20DEFGH')).toBe(link);
  });

  it('preloads nothing for other pages or a code that cannot be one', () => {
    for (const path of ['/', '/login', '/collect', '/r/', '/r/ABCDE', '/r/ABCDE-FGHU1', '/r/%E0%A4%A', '/r/AB1C0DEFGH/x']) {
      expect(invitationPreload(path)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isInvitationRequest, redactUrl } from '../log-redaction';

describe('request log redaction', () => {
  it('replaces invitation codes in logged URLs and leaves other paths alone', () => {
    expect(redactUrl('/api/invitations/E5K0E5K3R8')).toBe('/api/invitations/[mã-mời]');
    expect(redactUrl('/api/invitations/E5K0E-5K3R8?x=1')).toBe('/api/invitations/[mã-mời]?x=1');
    expect(redactUrl('/r/E5K0E-5K3R8')).toBe('/r/[mã-mời]');
    expect(redactUrl('/api/campaigns/1/invitations')).toBe('/api/campaigns/1/invitations');
    expect(redactUrl('/api/sync')).toBe('/api/sync');
  });

  it('knows an invitation request by its path or its code header, not the staff routes about invitations', () => {
    expect(isInvitationRequest({ url: '/api/invitations/E5K0E5K3R8', headers: {} })).toBe(true);
    expect(isInvitationRequest({ url: '/r/E5K0E5K3R8', headers: {} })).toBe(true);
    expect(isInvitationRequest({ url: '/api/sync', headers: { 'x-invitation-code': 'E5K0E5K3R8' } })).toBe(true);
    expect(isInvitationRequest({ url: '/api/sync', headers: { authorization: 'Bearer x' } })).toBe(false);
    expect(isInvitationRequest({ url: '/api/campaigns/1/invitations', headers: { authorization: 'Bearer x' } })).toBe(false);
  });
});

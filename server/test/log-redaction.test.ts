import { describe, expect, it } from 'vitest';
import { errorForLog, isInvitationRequest, redactUrl } from '../log-redaction';

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

  it('logs the unexpected error of an invitation request by its kind only, never its message', () => {
    const err = Object.assign(new Error('Failed query: insert into held_ballots … params: 0b7c…,{"answers":…}'), { code: '23505' });
    const logged = errorForLog({ url: '/api/sync', headers: { 'x-invitation-code': 'E5K0E5K3R8' } }, err);
    expect(logged).toEqual({ errKind: 'Error', errCode: '23505' });
    expect(JSON.stringify(logged)).not.toContain('params');
    expect(errorForLog({ url: '/api/users', headers: { authorization: 'Bearer x' } }, err)).toEqual({ err });
  });
});

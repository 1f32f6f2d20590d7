import { describe, expect, it } from 'vitest';
import { redactUrl } from '../log-redaction';

describe('request log redaction', () => {
  it('replaces invitation codes in logged URLs and leaves other paths alone', () => {
    expect(redactUrl('/api/invitations/E5K0E5K3R8')).toBe('/api/invitations/[mã-mời]');
    expect(redactUrl('/api/invitations/E5K0E-5K3R8?x=1')).toBe('/api/invitations/[mã-mời]?x=1');
    expect(redactUrl('/r/E5K0E-5K3R8')).toBe('/r/[mã-mời]');
    expect(redactUrl('/api/campaigns/1/invitations')).toBe('/api/campaigns/1/invitations');
    expect(redactUrl('/api/sync')).toBe('/api/sync');
  });
});

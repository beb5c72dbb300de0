import { describe, expect, it } from 'vitest';
import { STATUSES, isAcknowledgementOverdue, nextStatuses, refuseMove } from './status';

describe('the referral status table', () => {
  it('lets the agency acknowledge, work and close, in order', () => {
    expect(nextStatuses('sent', 'agency')).toEqual(['acknowledged', 'rejected']);
    expect(refuseMove('sent', 'in-progress', 'agency')).toBe('not-allowed');
    expect(refuseMove('acknowledged', 'in-progress', 'agency')).toBeNull();
    expect(refuseMove('in-progress', 'completed', 'agency')).toBeNull();
    expect(refuseMove('completed', 'in-progress', 'agency')).toBe('closed');
  });

  it('lets the agency never revoke and the team only revoke, from any status but revoked', () => {
    for (const from of STATUSES) expect(refuseMove(from, 'revoked', 'agency')).not.toBeNull();
    for (const from of STATUSES) expect(refuseMove(from, 'revoked', 'team')).toBe(from === 'revoked' ? 'closed' : null);
    expect(refuseMove('sent', 'acknowledged', 'team')).toBe('not-allowed');
    expect(refuseMove('sent', 'archived', 'team')).toBe('unknown-status');
  });

  it('reaches every status from sent', () => {
    const seen = new Set<string>(['sent']);
    const queue = ['sent'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const side of ['agency', 'team'] as const) for (const to of nextStatuses(from, side)) if (!seen.has(to)) { seen.add(to); queue.push(to); }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it('is overdue only while waiting for acknowledgement after the day it was due', () => {
    expect(isAcknowledgementOverdue('sent', '2026-02-01', '2026-02-01')).toBe(false);
    expect(isAcknowledgementOverdue('sent', '2026-02-01', '2026-02-02')).toBe(true);
    expect(isAcknowledgementOverdue('acknowledged', '2026-02-01', '2026-02-02')).toBe(false);
  });
});

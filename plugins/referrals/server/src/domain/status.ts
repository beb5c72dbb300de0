// The life of a referral as a table: who may move it from which status to which. The receiving
// agency acknowledges, works and closes it; the case team may only revoke it, from any status
// before revoked. Pure.

export const STATUSES = ['sent', 'acknowledged', 'in-progress', 'completed', 'rejected', 'revoked'] as const;
export type Status = (typeof STATUSES)[number];
export type Side = 'agency' | 'team';

const AGENCY_MOVES: Record<Status, readonly Status[]> = {
  sent: ['acknowledged', 'rejected'],
  acknowledged: ['in-progress', 'completed', 'rejected'],
  'in-progress': ['completed', 'rejected'],
  completed: [],
  rejected: [],
  revoked: [],
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** The statuses this side may move a referral to from `from`. */
export function nextStatuses(from: string, side: Side): Status[] {
  if (!isStatus(from)) return [];
  if (side === 'team') return from === 'revoked' ? [] : ['revoked'];
  return [...AGENCY_MOVES[from]];
}

export type Refusal = 'unknown-status' | 'not-allowed' | 'closed';

/** null when the move is allowed, or why it is not. */
export function refuseMove(from: string, to: string, side: Side): Refusal | null {
  if (!isStatus(to)) return 'unknown-status';
  if (!isStatus(from) || nextStatuses(from, side).length === 0) return 'closed';
  return nextStatuses(from, side).includes(to) ? null : 'not-allowed';
}

/** Overdue: still waiting for acknowledgement after the day it was due (office days, YYYY-MM-DD). */
export function isAcknowledgementOverdue(status: string, acknowledgeBy: string | null, today: string): boolean {
  return status === 'sent' && !!acknowledgeBy && String(acknowledgeBy).slice(0, 10) < today;
}

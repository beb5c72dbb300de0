import { describe, expect, it } from 'vitest';
import { deadlinesInput, noQuery, notificationsInput } from './request-input';

describe('my-deadlines and notifications query checks', () => {
  it('defaults to open deadlines, page 1 of 25', () => {
    expect(deadlinesInput({}, 'es')).toEqual({ ok: true, value: { from: undefined, to: undefined, alert: undefined, status: 'open', page: 1, pageSize: 25 } });
  });

  it('names each bad field', () => {
    const result = deadlinesInput({ from: '2026-13-01', to: 'x', alert: 'late', status: 'closed', page: '0', pageSize: '101', color: 'red' }, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path).sort()).toEqual(['alert', 'color', 'from', 'page', 'pageSize', 'status', 'to']);
  });

  it('refuses a range that runs backwards or is longer than 400 days, and repeated parameters', () => {
    expect(deadlinesInput({ from: '2026-05-01', to: '2026-04-30' }, 'es')).toMatchObject({ ok: false, problems: [{ path: 'to' }] });
    expect(deadlinesInput({ from: '2026-01-01', to: '2027-06-01' }, 'es')).toMatchObject({ ok: false, problems: [{ path: 'to' }] });
    expect(deadlinesInput({ alert: ['overdue', 'due-soon'] }, 'es')).toMatchObject({ ok: false, problems: [{ path: 'alert' }] });
  });

  it('reads the unread flag and refuses parameters where none are taken', () => {
    expect(notificationsInput({ unread: 'true' }, 'es')).toEqual({ ok: true, value: { page: 1, pageSize: 20, unreadOnly: true } });
    expect(notificationsInput({ unread: 'yes' }, 'es')).toMatchObject({ ok: false, problems: [{ path: 'unread' }] });
    expect(noQuery({ x: '1' }, 'es')).toMatchObject({ ok: false, problems: [{ path: 'x' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { deadlineInput, oneOf, tickInput, wholeNumber } from './workflow-input';

describe('ticking a step', () => {
  it.each([
    [{ status: 'done' }, { status: 'done', note: null }],
    [{ data: { status: 'open', note: '  ' } }, { status: 'open', note: null }],
    [{ status: 'not-applicable', note: ' Sin NNA en el caso ' }, { status: 'not-applicable', note: 'Sin NNA en el caso' }],
  ])('accepts %j', (body, value) => {
    expect(tickInput(body, 'es')).toEqual({ ok: true, value });
  });

  it.each([
    [null, 'body'], [[1], 'body'], [{ status: 'hecho' }, 'status'], [{}, 'status'], [{ status: 'done', note: 5 }, 'note'],
    [{ status: 'done', note: 'x'.repeat(2001) }, 'note'], [{ status: 'not-applicable', note: 'no' }, 'note'], [{ status: 'done', by: 1 }, 'by'],
  ])('refuses %j naming «%s»', (body, path) => {
    const result = tickInput(body, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.path).toBe(path);
  });
});

describe('closing a deadline', () => {
  it('met and open need no note, cancelled does', () => {
    expect(deadlineInput({ status: 'met' }, 'es')).toEqual({ ok: true, value: { status: 'met', note: null } });
    expect(deadlineInput({ status: 'cancelled' }, 'es')).toMatchObject({ ok: false, problem: { path: 'note', message: 'Para marcar un plazo como cancelado explique el motivo en «note» (al menos 5 caracteres).' } });
    expect(deadlineInput({ status: 'done' }, 'en')).toMatchObject({ ok: false, problem: { path: 'status', message: 'Give in «status» one of: met, open, cancelled.' } });
  });
});

describe('query parameters', () => {
  it('take a default, a listed value, or name the parameter', () => {
    expect(oneOf(undefined, 'scope', ['current', 'all'] as const, 'current', 'es')).toEqual({ ok: true, value: 'current' });
    expect(oneOf('all', 'scope', ['current', 'all'] as const, 'current', 'es')).toEqual({ ok: true, value: 'all' });
    expect(oneOf(['all'], 'scope', ['current', 'all'] as const, 'current', 'en')).toEqual({ ok: false, problem: { path: 'scope', message: 'The parameter «scope» must be current | all.' } });
    expect(wholeNumber('3', 'page', 1, 10, 1, 'es')).toEqual({ ok: true, value: 3 });
    expect(wholeNumber('0', 'page', 1, 10, 1, 'es')).toMatchObject({ ok: false, problem: { path: 'page' } });
    expect(wholeNumber('2.5', 'pageSize', 1, 100, 25, 'en')).toEqual({ ok: false, problem: { path: 'pageSize', message: 'The parameter «pageSize» must be a whole number from 1 to 100.' } });
  });
});

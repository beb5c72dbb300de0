import { describe, expect, it } from 'vitest';
import { definitionProblems, versionProblems } from './check';
import { compileSchema } from './schema';
import { validateAnswers } from './answers';
import { visibleKeys } from './visibility';
import type { FormDefinition, FormField } from './types';

const codeLists = new Map<string, Set<string>>([
  ['exploitation-form', new Set(['sexual', 'labour', 'begging', 'old-form'])],
  ['yes-no-unknown', new Set(['yes', 'no', 'unknown'])],
]);
const activeCodes = new Map<string, Set<string>>([
  ['exploitation-form', new Set(['sexual', 'labour', 'begging'])], // old-form was deactivated
  ['yes-no-unknown', new Set(['yes', 'no', 'unknown'])],
]);

const field = (over: Partial<FormField> & Pick<FormField, 'key' | 'type'>): FormField => ({ labelEs: `Etiqueta ${over.key}`, labelEn: `Label ${over.key}`, ...over });

function form(fields: FormField[], version = 1): FormDefinition {
  return { key: 'victim-extra', target: 'victim-profile', version, sections: [{ key: 'main', titleEs: 'Principal', titleEn: 'Main', fields }] };
}

/** One field of every type, a condition on a yes/no field, and one on a multiple choice. */
const everyType = form([
  field({ key: 'nickname', type: 'short-text', maxLength: 20, pattern: '^[A-Za-z ]+$', helpEs: 'Solo letras.', helpEn: 'Letters only.' }),
  field({ key: 'story', type: 'long-text', minLength: 10 }),
  field({ key: 'children', type: 'integer', min: 0, max: 20, required: true }),
  field({ key: 'debt', type: 'decimal', min: 0 }),
  field({ key: 'arrivedOn', type: 'date', min: '2000-01-01', max: '2030-12-31' }),
  field({ key: 'rescuedAt', type: 'date-time' }),
  field({ key: 'hasDocuments', type: 'yes-no' }),
  field({ key: 'documentsHeldBy', type: 'short-text', required: true, showWhen: { field: 'hasDocuments', in: [false] } }),
  field({ key: 'mainForm', type: 'single-choice', codeList: 'exploitation-form', statistics: true }),
  field({ key: 'forms', type: 'multiple-choice', codeList: 'exploitation-form', max: 2 }),
  field({ key: 'beggingSupervised', type: 'yes-no', required: true, showWhen: { field: 'forms', in: ['begging'] } }),
  field({ key: 'beggingHours', type: 'integer', required: true, showWhen: { field: 'beggingSupervised', in: [true] } }),
  field({ key: 'recruiter', type: 'person-ref' }),
  field({ key: 'contract', type: 'file' }),
]);

const check = (def: FormDefinition, lang: 'es' | 'en' = 'en') => definitionProblems(def, { codeLists, lang });
const answer = (input: unknown, previous?: Record<string, unknown>, def = everyType, lang: 'es' | 'en' = 'en') => validateAnswers(def, input, { lang, activeCodes, previous });
const pathsOf = (result: ReturnType<typeof answer>) => (result.ok ? [] : result.errors.map((e) => e.path.join('.')));

describe('the definition check', () => {
  it('accepts a form with one field of every type and conditions, except files, which have no store yet', () => {
    expect(check(everyType).map((p) => p.path.join('.'))).toEqual(['sections.0.fields.13.type']);
  });

  it('names each broken part of a definition by its path', () => {
    const broken = form([
      field({ key: 'Bad key', type: 'short-text' }),
      field({ key: 'twice', type: 'integer', min: 5, max: 1 }),
      field({ key: 'twice', type: 'yes-no' }),
      field({ key: 'choice', type: 'single-choice' }),
      field({ key: 'choice2', type: 'single-choice', codeList: 'nope' }),
      field({ key: 'text', type: 'short-text', codeList: 'exploitation-form', min: 1, pattern: '([' }),
      field({ key: 'later', type: 'yes-no', showWhen: { field: 'notYet', in: [true] } }),
      field({ key: 'onText', type: 'yes-no', showWhen: { field: 'text', in: ['a'] } }),
      field({ key: 'badCode', type: 'yes-no', showWhen: { field: 'choice2', in: [] } }),
      field({ key: 'freeStats', type: 'long-text', statistics: true }),
      field({ key: 'weird', type: 'colour' as never }),
      field({ key: 'unlabelled', type: 'date', labelEn: ' ', min: '2024-02-30' }),
    ]);
    const paths = check(broken).map((p) => p.path.slice(3).join('.') && `${p.path[3]}.${p.path.slice(4).join('.')}`);
    expect(paths).toEqual(expect.arrayContaining([
      '0.key', '1.max', '2.key', '3.codeList', '4.codeList', '5.codeList', '5.min', '5.pattern',
      '6.showWhen.field', '7.showWhen.field', '9.statistics', '10.type', '11.labelEn', '11.min',
    ]));
    expect(check(broken, 'es').find((p) => p.path.join('.') === 'sections.0.fields.1.max')?.message).toBe('El máximo no puede ser menor que el mínimo.');
  });

  it('refuses a condition value that is not a code of its source list, and a non-boolean on a yes/no', () => {
    const def = form([
      field({ key: 'mainForm', type: 'single-choice', codeList: 'exploitation-form' }),
      field({ key: 'a', type: 'yes-no', showWhen: { field: 'mainForm', in: ['piracy'] } }),
      field({ key: 'b', type: 'yes-no' }),
      field({ key: 'c', type: 'short-text', showWhen: { field: 'b', in: ['yes'] } }),
    ]);
    expect(check(def).map((p) => p.path.join('.'))).toEqual(['sections.0.fields.1.showWhen.in', 'sections.0.fields.3.showWhen.in']);
  });

  it('refuses an empty form and unknown targets', () => {
    expect(check({ key: 'x', target: 'spaceship' as never, version: 0, sections: [] }).map((p) => p.path.join('.'))).toEqual(['target', 'version', 'sections']);
  });

  it('does not let a new version change the type or list of a key that holds answers', () => {
    const v2 = form([field({ key: 'children', type: 'short-text' }), field({ key: 'mainForm', type: 'single-choice', codeList: 'yes-no-unknown' }), field({ key: 'fresh', type: 'yes-no' })], 2);
    expect(versionProblems(everyType, v2, 'en').map((p) => p.path.join('.'))).toEqual(['sections.0.fields.0.key', 'sections.0.fields.1.key']);
  });
});

describe('the JSON Schema compiled from a definition', () => {
  const schema = compileSchema(everyType, { codesFor: () => ['sexual', 'labour'] }) as Record<string, any>;

  it('has one property per field, refuses unknown keys, and requires unconditional required fields', () => {
    expect(Object.keys(schema.properties)).toHaveLength(14);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['children']);
  });

  it('maps every type to its schema', () => {
    const p = schema.properties;
    expect(p.nickname).toEqual({ type: 'string', maxLength: 20, pattern: '^[A-Za-z ]+$' });
    expect(p.story).toEqual({ type: 'string', maxLength: 5000, minLength: 10 });
    expect(p.children).toEqual({ type: 'integer', minimum: 0, maximum: 20 });
    expect(p.debt).toEqual({ type: 'number', minimum: 0 });
    expect(p.arrivedOn).toEqual({ type: 'string', format: 'date', dateMinimum: '2000-01-01', dateMaximum: '2030-12-31' });
    expect(p.rescuedAt).toEqual({ type: 'string', format: 'date-time' });
    expect(p.hasDocuments).toEqual({ type: 'boolean' });
    expect(p.mainForm).toEqual({ type: 'string', enum: ['sexual', 'labour'] });
    expect(p.forms).toEqual({ type: 'array', items: { type: 'string', enum: ['sexual', 'labour'] }, uniqueItems: true, maxItems: 2 });
    expect(p.recruiter.pattern).toMatch(/^\^\[VTIJP\]/);
    expect(p.contract.type).toBe('string');
  });

  it('turns each condition into an if/then, chained through the field it depends on', () => {
    expect(schema.allOf).toEqual([
      { if: { properties: { hasDocuments: { enum: [false] } }, required: ['hasDocuments'] }, then: { required: ['documentsHeldBy'] } },
      { if: { properties: { forms: { type: 'array', contains: { enum: ['begging'] } } }, required: ['forms'] }, then: { required: ['beggingSupervised'] } },
      {
        if: { allOf: [{ properties: { beggingSupervised: { enum: [true] } }, required: ['beggingSupervised'] }, { properties: { forms: { type: 'array', contains: { enum: ['begging'] } } }, required: ['forms'] }] },
        then: { required: ['beggingHours'] },
      },
    ]);
  });

  it('gives a list with no code in use a schema nothing matches', () => {
    const empty = compileSchema(everyType, { codesFor: () => [] }) as Record<string, any>;
    expect(empty.properties.mainForm).toEqual({ type: 'string', not: {} });
  });
});

describe('checking answers', () => {
  const good = {
    nickname: 'Luz', story: 'Llegó en una yola.', children: 2, debt: 1500.5, arrivedOn: '2024-02-29', rescuedAt: '2025-01-10T14:30:00-04:00',
    hasDocuments: true, mainForm: 'sexual', forms: ['sexual', 'labour'], recruiter: 'I-7KQ2M', contract: 'abcdefghijklmnopqrstuvwx',
  };

  it('accepts a full set of good answers and stores them as given', () => {
    const result = answer(good);
    expect(result).toEqual({ ok: true, value: good, dropped: [] });
  });

  it('refuses each kind of bad answer on its own field, with its own words', () => {
    const result = answer({
      nickname: 'Luz 2', story: 'short', children: 2.5, debt: -1, arrivedOn: '2024-02-30', rescuedAt: '2025-01-10 14:30',
      hasDocuments: 'no', mainForm: 'piracy', forms: ['sexual', 'sexual'], recruiter: 'Maria', contract: '../etc/passwd',
    });
    expect(result.ok).toBe(false);
    const messages = Object.fromEntries((result.ok ? [] : result.errors).map((e) => [e.path.join('.'), e.message]));
    expect(messages).toEqual({
      nickname: '«Label nickname» does not have the expected format. Letters only.',
      story: '«Label story» needs at least 10 characters.',
      children: '«Label children» must be a whole number.',
      debt: '«Label debt» must be at least 0.',
      arrivedOn: '«Label arrivedOn» must be a valid date YYYY-MM-DD.',
      rescuedAt: '«Label rescuedAt» must be an ISO 8601 date and time with a zone (for example 2026-03-01T14:30:00-04:00).',
      hasDocuments: '«Label hasDocuments» must be yes or no (true or false).',
      mainForm: '«Label mainForm»: «piracy» is not a value in use in its list.',
      forms: '«Label forms» repeats a value.',
      recruiter: "«Label recruiter» must be a person's code (for example V-7KQ2M).",
      contract: '«Label contract» must be the id of an uploaded file.',
    });
  });

  it('answers in Spanish', () => {
    const result = answer({}, undefined, everyType, 'es');
    expect(result.ok ? [] : result.errors).toEqual([{ path: ['children'], message: '«Etiqueta children» es obligatorio.' }]);
  });

  it('refuses unknown keys, including prototype keys', () => {
    expect(pathsOf(answer(JSON.parse('{"children":1,"favouriteColour":"red","__proto__":{"x":1},"constructor":"y"}')))).toEqual(['favouriteColour', '__proto__', 'constructor']);
  });

  it('refuses an answer set that is not an object', () => {
    expect(pathsOf(answer([1, 2]))).toEqual(['']);
    expect(pathsOf(answer('text'))).toEqual(['']);
  });

  it('checks bounds of numbers, dates, lengths and list sizes', () => {
    expect(pathsOf(answer({ children: 21, arrivedOn: '1999-12-31', nickname: 'a'.repeat(21), forms: ['sexual', 'labour', 'begging'], beggingSupervised: false })).sort()).toEqual(['arrivedOn', 'children', 'forms', 'nickname']);
    expect(answer({ children: 20, arrivedOn: '2030-12-31', nickname: 'a'.repeat(20) }).ok).toBe(true);
  });

  describe('conditions', () => {
    it('requires a conditional field only while it shows', () => {
      expect(pathsOf(answer({ children: 0, hasDocuments: false }))).toEqual(['documentsHeldBy']);
      expect(answer({ children: 0, hasDocuments: true }).ok).toBe(true);
      expect(answer({ children: 0 }).ok).toBe(true);
    });

    it('shows a field on a multiple choice when any chosen value is listed', () => {
      expect(pathsOf(answer({ children: 0, forms: ['labour', 'begging'] }))).toEqual(['beggingSupervised']);
      expect(answer({ children: 0, forms: ['labour'] }).ok).toBe(true);
    });

    it('hides a field whose source is itself hidden, and drops answers of hidden fields', () => {
      const result = answer({ children: 0, forms: ['labour'], beggingSupervised: true, beggingHours: 3, hasDocuments: true, documentsHeldBy: 'el patrón' });
      expect(result).toEqual({ ok: true, value: { children: 0, forms: ['labour'], hasDocuments: true }, dropped: expect.arrayContaining(['documentsHeldBy', 'beggingSupervised', 'beggingHours']) });
      expect(result.ok && result.dropped).toHaveLength(3);
    });

    it('requires a field down a chain of conditions when the whole chain holds', () => {
      expect(pathsOf(answer({ children: 0, forms: ['begging'], beggingSupervised: true }))).toEqual(['beggingHours']);
      expect(answer({ children: 0, forms: ['begging'], beggingSupervised: false }).ok).toBe(true);
    });

    it('agrees with the visible fields the portal would draw', () => {
      expect([...visibleKeys(everyType.sections[0].fields, { hasDocuments: false, forms: ['begging'], beggingSupervised: true })]).toEqual(expect.arrayContaining(['documentsHeldBy', 'beggingSupervised', 'beggingHours']));
      expect(visibleKeys(everyType.sections[0].fields, {}).has('documentsHeldBy')).toBe(false);
    });
  });

  describe('across versions and code-list changes', () => {
    it('refuses a deactivated code on a new answer but keeps it on a record that already holds it', () => {
      expect(pathsOf(answer({ children: 0, mainForm: 'old-form' }))).toEqual(['mainForm']);
      expect(answer({ children: 0, mainForm: 'old-form' }, { children: 0, mainForm: 'old-form' }).ok).toBe(true);
      expect(pathsOf(answer({ children: 0, forms: ['old-form', 'sexual'] }, { forms: ['sexual'] }))).toEqual(['forms.0']);
      expect(answer({ children: 0, forms: ['old-form', 'sexual'] }, { forms: ['old-form'] }).ok).toBe(true);
    });

    it('keeps a retired field read-only: carried over unchanged, refused when changed', () => {
      const v2 = form(everyType.sections[0].fields.filter((f) => f.key !== 'nickname'), 2);
      const previous = { children: 1, nickname: 'Luz' };
      expect(answer({ children: 2 }, previous, v2)).toEqual({ ok: true, value: { nickname: 'Luz', children: 2 }, dropped: [] });
      expect(answer({ children: 2, nickname: 'Luz' }, previous, v2).ok).toBe(true);
      expect(pathsOf(answer({ children: 2, nickname: 'Sol' }, previous, v2))).toEqual(['nickname']);
      expect(pathsOf(answer({ children: 2, nickname: 'Sol' }, {}, v2))).toEqual(['nickname']);
    });

    it('reads an old record saved under a version whose required field came later as still valid for reading, and asks for it on the next save', () => {
      const v2 = form([...everyType.sections[0].fields, field({ key: 'newRequired', type: 'yes-no', required: true })], 2);
      expect(pathsOf(answer({ children: 1 }, { children: 1 }, v2))).toEqual(['newRequired']);
    });
  });
});

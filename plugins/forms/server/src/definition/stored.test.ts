import { describe, expect, it } from 'vitest';
import { conditionValues, definitionFromStored, storedPath } from './stored';

describe('the form as the admin panel stores it', () => {
  const stored = {
    key: 'extra',
    target: 'case',
    sections: [{
      key: 'main', titleEs: 'Principal', titleEn: 'Main',
      fields: [
        { key: 'minor', type: 'yes-no', labelEs: 'Menor', labelEn: 'Minor', required: false, helpEs: null, minNumber: null, showWhenField: null },
        { key: 'school', type: 'short-text', labelEs: 'Escuela', labelEn: 'School', required: true, showWhenField: ' minor ', showWhenValues: 'Sí, no' },
        { key: 'born', type: 'date', labelEs: 'Nacido', labelEn: 'Born', minDate: '2000-01-01', maxNumber: '9' },
        { key: 'hours', type: 'decimal', labelEs: 'Horas', labelEn: 'Hours', minNumber: '0.5', maxNumber: '24.000' },
        { key: 'forms', type: 'multiple-choice', labelEs: 'Formas', labelEn: 'Forms', codeList: { key: 'exploitation-form' }, showWhenField: 'school', showWhenValues: 'a, b ,,c', statistics: true },
      ],
    }],
  };

  it('becomes a definition: bounds by type, numbers from decimals, conditions split and typed, empty values left out', () => {
    const def = definitionFromStored(stored, 3);
    expect(def.version).toBe(3);
    const [minor, school, born, hours, forms] = def.sections[0].fields;
    expect(minor).toEqual({ key: 'minor', type: 'yes-no', labelEs: 'Menor', labelEn: 'Minor' });
    expect(school.showWhen).toEqual({ field: 'minor', in: [true, false] });
    expect(born).toMatchObject({ min: '2000-01-01' });
    expect(born.max).toBeUndefined(); // a number bound means nothing on a date
    expect(hours).toMatchObject({ min: 0.5, max: 24 });
    expect(forms).toMatchObject({ codeList: 'exploitation-form', statistics: true, showWhen: { field: 'school', in: ['a', 'b', 'c'] } });
  });

  it('reads yes/no condition values in Spanish or English, and leaves unknown words for the check to name', () => {
    expect(conditionValues('si, yes, TRUE, No, falso, quizás', 'yes-no')).toEqual([true, true, true, false, false, 'quizás']);
    expect(conditionValues('sí', 'single-choice')).toEqual(['sí']);
  });

  it('places a problem on the attribute the configurator typed', () => {
    const def = definitionFromStored(stored, 1);
    expect(storedPath(def, { path: ['sections', 0, 'fields', 2, 'min'], message: 'x' }).path).toEqual(['sections', 0, 'fields', 2, 'minDate']);
    expect(storedPath(def, { path: ['sections', 0, 'fields', 3, 'max'], message: 'x' }).path).toEqual(['sections', 0, 'fields', 3, 'maxNumber']);
    expect(storedPath(def, { path: ['sections', 0, 'fields', 1, 'showWhen', 'in'], message: 'x' }).path).toEqual(['sections', 0, 'fields', 1, 'showWhenValues']);
    expect(storedPath(def, { path: ['sections', 0, 'fields', 1, 'showWhen', 'field'], message: 'x' }).path).toEqual(['sections', 0, 'fields', 1, 'showWhenField']);
    expect(storedPath(def, { path: ['target'], message: 'x' }).path).toEqual(['target']);
  });
});

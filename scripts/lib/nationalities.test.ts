import { describe, it, expect } from 'vitest';
import { FIRST_GENERATED_SORT_ORDER, ISO_ASSIGNED_COUNT, isoCountryNames, mergeNationalities, plainEnglish, type NationalityList } from './nationalities.ts';

const list = (): NationalityList => ({
  key: 'nationality',
  nameEs: 'Nacionalidad',
  nameEn: 'Nationality',
  description: 'old',
  items: [
    { code: 'do', labelEs: 'Dominicana', labelEn: 'Dominican', sortOrder: 1, meta: { iso2: 'DO' } },
    { code: 'ht', labelEs: 'Haitiana', labelEn: 'Haitian', sortOrder: 2, meta: { iso2: 'HT', note: 'kept' } },
    { code: 'xx', labelEs: 'Desconocida', labelEn: 'Unknown', sortOrder: 3, meta: { unknown: true } },
  ],
});

const countries = [
  { iso2: 'HT', es: 'Haití', en: 'Haiti' },
  { iso2: 'DO', es: 'República Dominicana', en: 'Dominican Republic' },
  { iso2: 'DE', es: 'Alemania', en: 'Germany' },
  { iso2: 'AF', es: 'Afganistán', en: 'Afghanistan' },
  { iso2: 'AX', es: 'Islas Åland', en: 'Åland Islands' },
];

describe('mergeNationalities', () => {
  it('keeps existing items as they are and adds the country names to their meta', () => {
    const merged = mergeNationalities(list(), countries);
    expect(merged.items.slice(0, 3)).toEqual([
      { code: 'do', labelEs: 'Dominicana', labelEn: 'Dominican', sortOrder: 1, meta: { iso2: 'DO', countryEs: 'República Dominicana', countryEn: 'Dominican Republic' } },
      { code: 'ht', labelEs: 'Haitiana', labelEn: 'Haitian', sortOrder: 2, meta: { iso2: 'HT', note: 'kept', countryEs: 'Haití', countryEn: 'Haiti' } },
      { code: 'xx', labelEs: 'Desconocida', labelEn: 'Unknown', sortOrder: 3, meta: { unknown: true } },
    ]);
  });

  it('appends the missing countries by Spanish name, labelled with the country name', () => {
    const merged = mergeNationalities(list(), countries);
    expect(merged.items.slice(3).map((i) => [i.code, i.labelEs, i.labelEn, i.sortOrder])).toEqual([
      ['af', 'Afganistán', 'Afghanistan', FIRST_GENERATED_SORT_ORDER],
      ['de', 'Alemania', 'Germany', FIRST_GENERATED_SORT_ORDER + 1],
      ['ax', 'Islas Åland', 'Åland Islands', FIRST_GENERATED_SORT_ORDER + 2],
    ]);
  });

  it('changes nothing when run again', () => {
    const once = mergeNationalities(list(), countries);
    expect(mergeNationalities(once, countries)).toEqual(once);
  });

  it('adds a later country after the highest order in use', () => {
    const once = mergeNationalities(list(), countries);
    const twice = mergeNationalities(once, [...countries, { iso2: 'BR', es: 'Brasil', en: 'Brazil' }]);
    expect(twice.items.at(-1)).toMatchObject({ code: 'br', sortOrder: FIRST_GENERATED_SORT_ORDER + 3 });
  });
});

describe('isoCountryNames', () => {
  it('names the 249 ISO codes from ICU, without aliases or non-ISO regions', () => {
    const names = isoCountryNames();
    expect(names).toHaveLength(ISO_ASSIGNED_COUNT);
    const codes = names.map((n) => n.iso2);
    for (const code of ['DO', 'HT', 'SS', 'CW', 'SX', 'BQ', 'PS', 'TW']) expect(codes).toContain(code);
    for (const code of ['XK', 'EU', 'UN', 'ZZ', 'UK', 'AN', 'QO', 'AC']) expect(codes).not.toContain(code);
    expect(names.find((n) => n.iso2 === 'DO')).toEqual({ iso2: 'DO', es: 'República Dominicana', en: 'Dominican Republic' });
  });

  it('spells CLDR menu English out', () => {
    expect(plainEnglish('St. Kitts & Nevis')).toBe('Saint Kitts and Nevis');
    expect(plainEnglish('Trinidad & Tobago')).toBe('Trinidad and Tobago');
  });
});

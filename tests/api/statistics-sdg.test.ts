// SDG 16.2.2 rates, the US TIP tables and smuggled migrants over HTTP, on SQLite and PostgreSQL:
// a small fixture in a year nobody else uses (2007), population rows written by the configurator in
// /admin (checked on save), counts and rates worked out by hand, always after small-cell suppression.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { expectSuppressedOf, type Answer, type Figure, type Measure } from '../support/statistics.ts';

const targets = inject('apiTargets');
const YEAR = 2007;
// A victim's age group is their profile's age at identification, which the profile takes from the
// year of birth when the party is added (today): birth years are chosen from this year.
const born = (age: number) => new Date().getUTCFullYear() - age;
const POPULATION_ADMIN = '/content-manager/collection-types/api::population-estimate.population-estimate';



/** Where each figure's population comes from (null: no population, so no rate). */
interface Populations { cell(r: string, c: string): number | null; row(r: string): number | null; column(c: string): number | null; total: number | null }

/**
 * Every rate is the published count × 100,000 / its population, written with two decimals; a
 * withheld count's rate is withheld with the same text; a zero count or no population: "—".
 * Returns how many rates were published.
 */
function expectRatesOf(answer: Answer, per: Populations): number {
  const measure = answer.measure!;
  expect(measure.kind).toBe('rate-per-100000');
  let published = 0;
  const check = (figure: Figure, rate: Measure, population: number | null) => {
    if (figure.suppressed !== null) expect(rate).toEqual({ value: null, text: figure.text });
    else if (!figure.value || population === null) expect(rate).toEqual({ value: null, text: '—' });
    else {
      const expected = (figure.value * 100_000) / population;
      expect(rate.value).toBeCloseTo(expected, 9);
      expect(rate.text).toBe(expected.toFixed(2));
      published += 1;
    }
  };
  answer.rows.forEach((r, i) => answer.columns.forEach((c, j) => check(answer.cells[i]![j]!, measure.cells[i]![j]!, per.cell(r.code, c.code))));
  answer.rows.forEach((r, i) => check(answer.rowTotals[i]!, measure.rowTotals[i]!, per.row(r.code)));
  answer.columns.forEach((c, j) => check(answer.columnTotals[j]!, measure.columnTotals[j]!, per.column(c.code)));
  check(answer.total, measure.total, per.total);
  return published;
}

describe.each(targets.map((t) => [t.name, t] as const))('SDG and TIP statistics on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let statistician: ApiClient;
  let chief: ApiClient;
  let admin: Record<string, string>;
  const adminCall = (method: string, path: string, body?: unknown, lang = 'en') => anonymous.request(method, path, { headers: admin, body, lang });
  const errorPaths = (res: { body: { error?: { details?: { errors?: Array<{ path: Array<string | number> }> } } } }) => (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));

  // The population of the fixture's year (fictitious round figures): the whole country, and Samaná.
  // Nothing for men aged 50+, nor anything for Pedernales: those figures have no rate.
  const COUNTRY: Record<string, number> = { 'all|all': 1_000_000, 'f|all': 400_000, 'm|all': 500_000, 'f|18-29': 50_000, 'all|18-29': 200_000, 'm|18-29': 40_000 };
  const SAMANA: Record<string, number> = { 'all|all': 100_000, 'f|all': 40_000, 'f|18-29': 10_000 };
  const of = (table: Record<string, number>) => (sex: string, age: string) => table[`${sex}|${age}`] ?? null;

  const openCase = async (caseType: string, province: string, exploitationForms: string[], smugglingRoute: string | null = null, date = `${YEAR}-05-10`) => {
    const body = newCaseBody(`Caso de prueba ODS y TIP (DEMO) ${date}`);
    const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, caseType, intakeDate: date, province, exploitationForms, smugglingRoute } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.documentId as string;
  };
  const addParty = async (caseId: string, data: Record<string, unknown>) => {
    const res = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.person.code as string;
  };
  const times = async (n: number, make: () => Promise<string>) => { const codes: string[] = []; for (let i = 0; i < n; i += 1) codes.push(await make()); return codes; };
  const profile = async (code: string, data: Record<string, unknown>) => {
    const res = await fiscal.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const referral = (status: string) => ({ serviceReferrals: [{ service: 'shelter', provider: 'Albergue ficticio', referredOn: `${YEAR}-06-01`, status }] });
  const population = async (row: Record<string, unknown>) => {
    const res = await adminCall('POST', POPULATION_ADMIN, { source: 'Cifra ficticia de prueba', ...row });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };

  beforeAll(async () => {
    [fiscal, statistician, chief] = await Promise.all(['fiscal.demo1', 'estadistica.demo', 'titular.demo'].map((u) => anonymous.as(u)));
    admin = await anonymous.adminHeaders();
    for (const [key, value] of Object.entries(COUNTRY)) await population({ year: YEAR, province: null, sex: key.split('|')[0], ageGroup: key.split('|')[1], population: value });
    // An empty province is the whole country too; here, Samaná's own rows.
    for (const [key, value] of Object.entries(SAMANA)) await population({ year: YEAR, province: 'samana', sex: key.split('|')[0], ageGroup: key.split('|')[1], population: value });

    // Case A (trata, Pedernales, sexual exploitation): 6 women from DO aged 18-29, of whom the first
    // was referred (no answer yet), the second referred and accepted, the third protected by a
    // measure and the fourth referred and declined; 2 men from HT aged 50+, the second with forced
    // labour and servitude in his profile and a completed referral. Also an accused and a witness.
    const a = await openCase('trata', 'pedernales', ['explotacion-sexual']);
    const women = await times(6, () => addParty(a, { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: born(24) } }));
    await profile(women[0]!, referral('requested'));
    await profile(women[1]!, referral('accepted'));
    await profile(women[2]!, { protectionMeasures: [{ measureType: 'alejamiento', authority: 'Juzgado ficticio de prueba', startDate: `${YEAR}-06-02` }] });
    await profile(women[3]!, referral('declined'));
    const men = await times(2, () => addParty(a, { role: 'victim-adult', person: { sex: 'm', nationality: 'ht', birthYear: born(60) } }));
    await profile(men[1]!, { exploitationForms: ['trabajo-forzoso', 'servidumbre'], ...referral('completed') });
    await addParty(a, { role: 'imputado', person: { sex: 'm', nationality: 'do', birthYear: 1980 } });
    await addParty(a, { role: 'witness', person: { sex: 'f', nationality: 'do', birthYear: 1975 } });
    // Case B (tráfico, Samaná, forced labour, by sea): 4 more women from DO aged 18-29 and the first
    // woman of case A again, a child about whom nothing is recorded; 2 men from HT and a woman from
    // VE smuggled (migrants, not victims of trafficking).
    const b = await openCase('trafico', 'samana', ['trabajo-forzoso'], 'mar');
    await times(4, () => addParty(b, { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: born(24) } }));
    await addParty(b, { role: 'victim-adult', existingPerson: women[0] });
    await addParty(b, { role: 'victim-child', person: {} });
    await times(2, () => addParty(b, { role: 'smuggled-migrant', person: { sex: 'm', nationality: 'ht', birthYear: 1990 } }));
    await addParty(b, { role: 'smuggled-migrant', person: { sex: 'f', nationality: 've', birthYear: 1992 } });
    // Case C (ambos, Samaná, sexual exploitation and forced labour, by land): a man from VE aged
    // 18-29, victim; 2 men from HT smuggled.
    const c = await openCase('ambos', 'samana', ['explotacion-sexual', 'trabajo-forzoso'], 'tierra');
    await addParty(c, { role: 'victim-adult', person: { sex: 'm', nationality: 've', birthYear: born(22) } });
    await times(2, () => addParty(c, { role: 'smuggled-migrant', person: { sex: 'm', nationality: 'ht', birthYear: 1990 } }));
    // Case F (tráfico, Samaná, no route recorded): a man from HT smuggled.
    const f = await openCase('trafico', 'samana', []);
    await addParty(f, { role: 'smuggled-migrant', person: { sex: 'm', nationality: 'ht', birthYear: 1990 } });
    // Cases without people: a trata case with no form, a conexo case of forced marriage (TIP:
    // unspecified), and four more trata cases of pornography (TIP: sex).
    await openCase('trata', 'pedernales', []);
    await openCase('conexo', 'pedernales', ['matrimonio-forzado']);
    for (let i = 0; i < 4; i += 1) await openCase('trata', 'pedernales', ['pornografia']);
  });

  const ask = (client: ApiClient, key: string, query: string, lang = 'es-DO') => client.request('GET', `/api/statistics/indicators/${key}${query}`, { lang });
  const SEXES = ['f', 'm', 'x', 'unknown'];
  const AGES = ['0-11', '12-17', '18-29', '30-49', '50+', 'unknown'];

  it('lists the new indicators, the rates asking for a year', async () => {
    const res = await statistician.request('GET', '/api/statistics/indicators', { lang: 'en' });
    expect(res.status).toBe(200);
    const byKey = new Map((res.body.data as Array<{ key: string }>).map((i) => [i.key, i]));
    expect(byKey.get('sdg-victims-rate-sex-age')).toMatchObject({ group: 'sdg-16-2-2', groupName: 'SDG 16.2.2', measure: 'rate-per-100000', requiresYear: true, dimensions: { rows: { key: 'sex' }, columns: { key: 'age-group' } } });
    expect(byKey.get('sdg-victims-rate-form-sex')).toMatchObject({ group: 'sdg-16-2-2', measure: 'rate-per-100000', requiresYear: true, dimensions: { rows: { key: 'exploitation-form' }, columns: { key: 'sex' } } });
    expect(byKey.get('tip-investigations-by-type')).toMatchObject({ group: 'us-tip', measure: 'count', requiresYear: false, dimensions: { rows: { key: 'case-type' }, columns: { key: 'tip-trafficking-type' } } });
    expect(byKey.get('tip-victims-identified-referred-assisted')).toMatchObject({ group: 'us-tip', name: 'Victims identified, referred and assisted, by sex and citizenship' });
    expect(byKey.get('smuggled-migrants-by-nationality-route')).toMatchObject({ group: 'operational', dimensions: { rows: { key: 'nationality' }, columns: { key: 'smuggling-route', codeList: 'smuggling-route' } } });
  });

  it('gives victims per 100,000 by sex and age group over the population of the year, none where no population is recorded', async () => {
    const res = await ask(statistician, 'sdg-victims-rate-sex-age', `?year=${YEAR}`, 'en');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // f 18-29: 6 in A + 5 in B (the first woman once in each case); m 18-29: the man of C; m 50+: 2; the child: unknown, unknown.
    const cells = [[0, 0, 11, 0, 0, 0], [0, 0, 1, 0, 2, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]];
    expectSuppressedOf(res.body.data, SEXES, AGES, cells);
    const country = of(COUNTRY);
    expect(expectRatesOf(res.body.data, { cell: country, row: (s) => country(s, 'all'), column: (a) => country('all', a), total: country('all', 'all') })).toBeGreaterThan(0);
    // 15 victims in a population of 1,000,000.
    expect(res.body.data.total).toEqual({ value: 15, suppressed: null, text: '15' });
    expect(res.body.data.measure.total).toEqual({ value: 1.5, text: '1.50' });
    expect(res.body.data.measure.unit).toBe('per 100,000 population');
  });

  it('narrows the rate to a province with that province\'s population', async () => {
    const res = await ask(chief, 'sdg-victims-rate-sex-age', `?year=${YEAR}&province=samana`);
    expect(res.status).toBe(200);
    // Samaná: B's 5 women and the child, C's man.
    expectSuppressedOf(res.body.data, SEXES, AGES, [[0, 0, 5, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]]);
    const samana = of(SAMANA);
    expectRatesOf(res.body.data, { cell: samana, row: (s) => samana(s, 'all'), column: (a) => samana('all', a), total: samana('all', 'all') });
    expect(res.body.data.measure.total).toEqual({ value: 7, text: '7.00' });
    expect(res.body.data.measure.unit).toBe('por 100 000 habitantes');
    // Pedernales has no population at all: every count, and not one rate.
    const none = await ask(chief, 'sdg-victims-rate-sex-age', `?year=${YEAR}&province=pedernales`);
    // Nobody of unknown sex there: no such row.
    expectSuppressedOf(none.body.data, ['f', 'm', 'x'], AGES, [[0, 0, 6, 0, 0, 0], [0, 0, 0, 0, 2, 0], [0, 0, 0, 0, 0, 0]]);
    expect(expectRatesOf(none.body.data, { cell: () => null, row: () => null, column: () => null, total: null })).toBe(0);
    expect(none.body.data.measure.total).toEqual({ value: null, text: '—' });
  });

  it('gives victims per 100,000 by form of exploitation and sex; totals across forms count pairs and get no rate', async () => {
    const res = await ask(statistician, 'sdg-victims-rate-form-sex', `?year=${YEAR}`);
    expect(res.status).toBe(200);
    const forms = res.body.data.rows.map((r: { code: string }) => r.code) as string[];
    expect(forms.slice(0, 5)).toEqual(['explotacion-sexual', 'pornografia', 'trabajo-forzoso', 'servidumbre-por-deudas', 'servidumbre']);
    // Sexual exploitation: A's 6 women, A's first man, C's man. Forced labour: B's 5 women, A's second
    // man (his profile), C's man (the case's two forms), the child. Servitude: A's second man.
    const row = (form: string) => ({ 'explotacion-sexual': [6, 2, 0, 0], 'trabajo-forzoso': [5, 2, 0, 1], servidumbre: [0, 1, 0, 0] } as Record<string, number[]>)[form] ?? [0, 0, 0, 0];
    expectSuppressedOf(res.body.data, forms, SEXES, forms.map(row));
    const country = of(COUNTRY);
    expectRatesOf(res.body.data, { cell: (_f, s) => country(s, 'all'), row: () => country('all', 'all'), column: () => null, total: null });
  });

  it('refuses a rate without one calendar year (400 naming year), in the caller\'s language', async () => {
    for (const query of ['', `?from=${YEAR}-01-01&to=${YEAR}-12-31`]) {
      const res = await ask(statistician, 'sdg-victims-rate-form-sex', query, 'en');
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['year']);
      expect(res.body.error.message).toBe('This indicator is computed for one year: give the year parameter.');
    }
    const es = await ask(chief, 'sdg-victims-rate-sex-age', '');
    expect(es.status).toBe(400);
    expect(es.body.error.message).toMatch(/^Este indicador se calcula para un año/);
  });

  it('counts investigations opened by case type and TIP kind: a case of both kinds in both, unspecified only without either', async () => {
    const res = await ask(statistician, 'tip-investigations-by-type', `?from=${YEAR}-01-01&to=${YEAR}-12-31`, 'en');
    expect(res.status).toBe(200);
    // trata: A and four pornography cases (sex), one with no form; tráfico: B (labour), F (none);
    // ambos: C (both); conexo: forced marriage (unspecified).
    expectSuppressedOf(res.body.data, ['trata', 'trafico', 'ambos', 'conexo'], ['sex', 'labour', 'unspecified'], [[5, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]]);
    expect(res.body.data.cells[0][0]).toEqual({ value: 5, suppressed: null, text: '5' });
    expect(res.body.data.columns.map((c: { label: string }) => c.label)).toEqual(['Sex trafficking', 'Labour trafficking', 'Unspecified trafficking']);
    expect(res.body.data.measure).toBeUndefined();
  });

  it('counts victims identified, referred and assisted by sex and citizenship, foreign and male victims included', async () => {
    const res = await ask(statistician, 'tip-victims-identified-referred-assisted', `?year=${YEAR}`);
    expect(res.status).toBe(200);
    // Identified: 11 women from DO (6 in A, 5 in B), 3 foreign men (2 in A, 1 in C), the child.
    // Referred: A's first, second and fourth women, and the first again in B (her profile); A's second man.
    // Assisted: A's second woman (accepted) and third (a measure); A's second man (completed).
    const cells = [[11, 0, 0, 3, 1], [4, 0, 0, 1, 0], [2, 0, 0, 1, 0]];
    expectSuppressedOf(res.body.data, ['identified', 'referred', 'assisted'], ['female-national', 'female-foreign', 'male-national', 'male-foreign', 'other-unknown'], cells);
    expect(res.body.data.cells[0][0]).toEqual({ value: 11, suppressed: null, text: '11' });
    expect(res.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Identificadas', 'Derivadas a servicios', 'Asistidas']);
  });

  it('counts smuggled migrants by citizenship and the case\'s route, once per case, none of them as victims', async () => {
    const res = await ask(statistician, 'smuggled-migrants-by-nationality-route', `?year=${YEAR}`, 'en');
    expect(res.status).toBe(200);
    // B (sea): 2 from HT, 1 from VE; C (land): 2 from HT; F (no route): 1 from HT.
    expectSuppressedOf(res.body.data, ['ht', 've'], ['aire', 'mar', 'tierra', 'unknown'], [[0, 2, 2, 1], [0, 1, 0, 0]]);
    expect(res.body.data.total).toEqual({ value: 6, suppressed: null, text: '6' });
    expect(res.body.data.columns.at(-1).label).toBe('Not known');
    const publication = await ask(statistician, 'smuggled-migrants-by-nationality-route', `?year=${YEAR}&profile=publication`);
    expectSuppressedOf(publication.body.data, ['ht', 've'], ['aire', 'mar', 'tierra', 'unknown'], [[0, 2, 2, 1], [0, 1, 0, 0]], 11);
    expect(publication.body.data.total).toEqual({ value: null, suppressed: 'primary', text: '<11' });
  });

  it('answers each of them over the demo cases of 2022, with no published figure below k and rates over the shipped census figures', async () => {
    const shipped = (JSON.parse(readFileSync(new URL('../../config/catalogues/population.json', import.meta.url), 'utf8')) as { rows: Array<{ year: number; province: string | null; sex: string; ageGroup: string; population: number }> }).rows;
    const census = (sex: string, age: string) => shipped.find((r) => r.year === 2022 && r.province === null && r.sex === sex && r.ageGroup === age)?.population ?? null;
    expect(census('all', 'all')).toBeGreaterThan(10_000_000);
    const rates: Record<string, Populations> = {
      'sdg-victims-rate-sex-age': { cell: census, row: (s) => census(s, 'all'), column: (a) => census('all', a), total: census('all', 'all') },
      'sdg-victims-rate-form-sex': { cell: (_f, s) => census(s, 'all'), row: () => census('all', 'all'), column: () => null, total: null },
    };
    for (const key of ['sdg-victims-rate-sex-age', 'sdg-victims-rate-form-sex', 'tip-investigations-by-type', 'tip-victims-identified-referred-assisted', 'smuggled-migrants-by-nationality-route']) {
      for (const profile of ['standard', 'publication']) {
        const res = await ask(chief, key, `?year=2022&profile=${profile}`);
        expect(res.status, key).toBe(200);
        const k = res.body.meta.k as number;
        const { cells, rowTotals, columnTotals, total } = res.body.data as Answer;
        for (const figure of [...cells.flat(), ...rowTotals, ...columnTotals, total]) {
          if (figure.suppressed) expect(figure.value).toBeNull();
          else expect(figure.value === 0 || figure.value! >= k, `${key} ${figure.value}`).toBe(true);
        }
        if (rates[key]) expectRatesOf(res.body.data, rates[key]);
        else expect(res.body.data.measure).toBeUndefined();
      }
    }
  });

  it('lets only the statistics unit and the chief prosecutor ask (403 for others, 401 anonymous)', async () => {
    for (const key of ['sdg-victims-rate-sex-age', 'tip-investigations-by-type', 'tip-victims-identified-referred-assisted', 'smuggled-migrants-by-nationality-route']) {
      const refused = await ask(fiscal, key, `?year=${YEAR}`);
      expect(refused.status, key).toBe(403);
      expect(refused.body.data ?? null).toBeNull();
      expect((await ask(anonymous, key, `?year=${YEAR}`)).status, key).toBe(401);
    }
  });

  describe('the population table in /admin', () => {
    it('refuses a bad row naming each field, and a second row for the same year, province, sex and age group', async () => {
      const bad = await adminCall('POST', POPULATION_ADMIN, { year: YEAR, province: 'atlantis', sex: 'female', ageGroup: 'unknown', population: 0, source: 'x' });
      expect(bad.status).toBe(400);
      expect(errorPaths(bad)).toEqual(['province', 'sex', 'ageGroup', 'population']);
      expect(bad.body.error.message).toBe('Invalid province: leave it empty for the whole country or use a code from the province list.');
      const twice = await adminCall('POST', POPULATION_ADMIN, { year: YEAR, province: '', sex: 'all', ageGroup: 'all', population: 5, source: 'x' }, 'es');
      expect(twice.status).toBe(400);
      expect(errorPaths(twice)).toEqual(['year']);
      expect(twice.body.error.message).toMatch(/^Ya hay una población para 2007, todo el país, sexo «all», edad «all»/);
      // An update is checked as the row it would become.
      const list = await adminCall('GET', `${POPULATION_ADMIN}?filters[year][$eq]=${YEAR}&filters[province][$eq]=samana&filters[sex][$eq]=f&filters[ageGroup][$eq]=all`);
      expect(list.body.results).toHaveLength(1);
      const moved = await adminCall('PUT', `${POPULATION_ADMIN}/${list.body.results[0].documentId}`, { ageGroup: '18-29' });
      expect(moved.status).toBe(400);
      expect(errorPaths(moved)).toEqual(['year']);
      const wrong = await adminCall('PUT', `${POPULATION_ADMIN}/${list.body.results[0].documentId}`, { population: -3 });
      expect(errorPaths(wrong)).toEqual(['population']);
    });

    it('holds one row per year, province, sex and age group in the database itself, and ships only figures marked to be confirmed with ONE', async () => {
      const insert = (province: string) => executeSql(target, `INSERT INTO population_estimates (document_id, year, province, sex, age_group, population, source) VALUES ('dup-${province || 'pais'}', ${YEAR}, ${province ? `'${province}'` : 'NULL'}, 'all', 'all', 1, 'x')`);
      await expect(insert('')).rejects.toThrow(/unique|UNIQUE/);
      await expect(insert('samana')).rejects.toThrow(/unique|UNIQUE/);
      const shipped = await queryRows<{ year: number; source: string }>(target, `SELECT year, source FROM population_estimates WHERE year <> ${YEAR}`);
      expect(shipped.length).toBeGreaterThan(0);
      for (const row of shipped) expect(row.source).toContain('POR CONFIRMAR con la ONE');
    });
  });
});

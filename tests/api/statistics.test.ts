// Statistics over HTTP, on SQLite and PostgreSQL: indicators counted in SQL over a small fixture in
// a year the demo data never uses (2005), compared with counts worked out by hand, and only ever
// answered after small-cell suppression; only the statistics unit and the chief prosecutor may ask.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { expectSuppressedOf, type Answer } from '../support/statistics.ts';

const targets = inject('apiTargets');
const YEAR = 2005;



describe.each(targets.map((t) => [t.name, t] as const))('statistics on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let statistician: ApiClient;
  let chief: ApiClient;

  const openCase = async (caseType: string, intakeDate: string, province: string, exploitationForms: string[]) => {
    const body = newCaseBody(`Caso de prueba de estadísticas (DEMO) ${intakeDate}`);
    const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, caseType, intakeDate, province, exploitationForms } } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const addParty = async (caseId: string, data: Record<string, unknown>) => {
    const res = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.person.code as string;
  };
  const times = async (n: number, make: () => Promise<string>) => { const codes: string[] = []; for (let i = 0; i < n; i += 1) codes.push(await make()); return codes; };

  beforeAll(async () => {
    [fiscal, statistician, chief] = await Promise.all(['fiscal.demo1', 'estadistica.demo', 'titular.demo'].map((u) => anonymous.as(u)));
    // Case A (trata, Pedernales, sexual exploitation): 6 women from DO aged 18-29 (one also a survivor
    // in the same case), 2 men from HT aged 50+ (one whose profile says forced labour and servitude),
    // 5 men from DO accused (one both imputado and acusado), 1 woman from VE indicted, 1 witness.
    const a = await openCase('trata', `${YEAR}-03-10`, 'pedernales', ['explotacion-sexual']);
    const women = await times(6, () => addParty(a, { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: 2000 } }));
    await addParty(a, { role: 'survivor', existingPerson: women[0] });
    const men = await times(2, () => addParty(a, { role: 'victim-adult', person: { sex: 'm', nationality: 'ht', birthYear: 1970 } }));
    const profile = await fiscal.request('PUT', `/api/people/by-code/${men[1]}/victim-profile`, { body: { data: { exploitationForms: ['trabajo-forzoso', 'servidumbre'] } } });
    expect(profile.status).toBe(200);
    const accused = await times(5, () => addParty(a, { role: 'imputado', person: { sex: 'm', nationality: 'do', birthYear: 1980 } }));
    await addParty(a, { role: 'acusado', existingPerson: accused[0] });
    await addParty(a, { role: 'acusado', person: { sex: 'f', nationality: 've', birthYear: 1985 } });
    await addParty(a, { role: 'witness', person: { sex: 'm', nationality: 'do', birthYear: 1975 } });
    // Case B (tráfico, Samaná, forced labour): 4 more women from DO aged 18-29 and the first woman of
    // case A again, a child about whom nothing is recorded, 2 smuggled migrants (not victims of trafficking).
    const b = await openCase('trafico', `${YEAR}-07-02`, 'samana', ['trabajo-forzoso']);
    await times(4, () => addParty(b, { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: 2000 } }));
    await addParty(b, { role: 'victim-adult', existingPerson: women[0] });
    await addParty(b, { role: 'victim-child', person: {} });
    await times(2, () => addParty(b, { role: 'smuggled-migrant', person: { sex: 'm', nationality: 'ht', birthYear: 1990 } }));
    // Four more trata cases without people: one in July, three in November.
    await openCase('trata', `${YEAR}-07-15`, 'pedernales', ['explotacion-sexual']);
    for (const day of ['01', '12', '30']) await openCase('trata', `${YEAR}-11-${day}`, 'pedernales', []);
  });

  const ask = (client: ApiClient, key: string, query: string, lang = 'es-DO') => client.request('GET', `/api/statistics/indicators/${key}${query}`, { lang });

  it('lists the indicator catalogue with names, parameters and dimensions', async () => {
    const res = await statistician.request('GET', '/api/statistics/indicators', { lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['victims-by-sex-age', 'victims-by-citizenship-exploitation', 'cases-by-stage', 'cases-opened-by-month', 'accused-by-sex-citizenship', 'cases-by-province']));
    expect(res.body.data[0]).toMatchObject({ group: 'global-report', groupName: 'Global Report (UNODC)', measure: 'count', name: 'Victims by sex and age group', names: { es: 'Víctimas por sexo y grupo de edad' }, dimensions: { rows: { key: 'sex' }, columns: { key: 'age-group' } } });
    expect(res.body.data[0].parameters.map((p: { key: string }) => p.key)).toEqual(['year', 'from', 'to', 'province', 'offence', 'lawVersion', 'profile']);
  });

  it('counts victims by sex and age group, once per case, and withholds the small groups', async () => {
    const res = await ask(statistician, 'victims-by-sex-age', `?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ k: 5, profile: 'standard', scope: { year: YEAR, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, province: null } });
    // f 18-29: 6 in A (the survivor role is the same person) + 5 in B; m 50+: 2; the child: unknown, unknown.
    const cells = [[0, 0, 11, 0, 0, 0], [0, 0, 0, 0, 2, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]];
    expect(expectSuppressedOf(res.body.data, ['f', 'm', 'x', 'unknown'], ['0-11', '12-17', '18-29', '30-49', '50+', 'unknown'], cells, 5)).toBe(0);
    expect(res.body.data.cells[0][2]).toEqual({ value: 11, suppressed: null, text: '11' });
    expect(res.body.data.total.value).toBe(14);
    expect(res.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Femenino', 'Masculino', 'No registrado', 'Sin dato']);
    const english = await ask(chief, 'victims-by-sex-age', `?year=${YEAR}`, 'en');
    expect(english.status).toBe(200);
    expect(english.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Female', 'Male', 'Not recorded', 'Not known']);
    expect(english.body.data.columns.at(-2).label).toBe('50 years or older');
  });

  it('counts victims by citizenship and form of exploitation: the profile\'s forms, else the case\'s', async () => {
    const res = await ask(statistician, 'victims-by-citizenship-exploitation', `?from=${YEAR}-01-01&to=${YEAR}-12-31`);
    expect(res.status).toBe(200);
    const forms = res.body.data.columns.map((c: { code: string }) => c.code) as string[];
    expect(forms.slice(0, 5)).toEqual(['explotacion-sexual', 'pornografia', 'trabajo-forzoso', 'servidumbre-por-deudas', 'servidumbre']);
    const row = (counts: Record<string, number>) => forms.map((f) => counts[f] ?? 0);
    const cells = [row({ 'explotacion-sexual': 6, 'trabajo-forzoso': 5 }), row({ 'explotacion-sexual': 1, 'trabajo-forzoso': 1, servidumbre: 1 }), row({ 'trabajo-forzoso': 1 })];
    // The published 6 and the column's 7 would give away the one victim from HT: so more is withheld.
    expect(expectSuppressedOf(res.body.data, ['do', 'ht', 'unknown'], forms, cells, 5)).toBeGreaterThan(0);
  });

  it('counts cases by stage and by month of intake, and narrows to a province', async () => {
    const byStage = await ask(statistician, 'cases-by-stage', `?year=${YEAR}`);
    expect(byStage.status).toBe(200);
    const stages = byStage.body.data.rows.map((r: { code: string }) => r.code) as string[];
    expect(stages[0]).toBe('intake');
    expect(byStage.body.data.columns.map((c: { code: string }) => c.code)).toEqual(['trata', 'trafico', 'ambos', 'conexo']);
    expectSuppressedOf(byStage.body.data, stages, ['trata', 'trafico', 'ambos', 'conexo'], stages.map((s) => (s === 'intake' ? [5, 1, 0, 0] : [0, 0, 0, 0])), 5);

    const byMonth = await ask(statistician, 'cases-opened-by-month', `?year=${YEAR}&province=pedernales`);
    expect(byMonth.status).toBe(200);
    const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
    const cells = months.map((m) => [m === '03' || m === '07' ? 1 : m === '11' ? 3 : 0, 0, 0, 0]);
    expectSuppressedOf(byMonth.body.data, months, ['trata', 'trafico', 'ambos', 'conexo'], cells, 5);
    expect(byMonth.body.data.rows[10].label).toBe('noviembre');
    expect(byMonth.body.data.total).toEqual({ value: 5, suppressed: null, text: '5' });

    // The map's indicator: every province is a row (32), the fixture's cases in two of them.
    const byProvince = await ask(statistician, 'cases-by-province', `?year=${YEAR}`);
    expect(byProvince.status).toBe(200);
    const provinces = byProvince.body.data.rows.map((r: { code: string }) => r.code) as string[];
    expect(provinces).toHaveLength(32);
    expectSuppressedOf(byProvince.body.data, provinces, ['trata', 'trafico', 'ambos', 'conexo'], provinces.map((p) => (p === 'pedernales' ? [5, 0, 0, 0] : p === 'samana' ? [0, 1, 0, 0] : [0, 0, 0, 0])), 5);
    expect(byProvince.body.data.rows.find((r: { code: string }) => r.code === 'samana').label).toBe('Samaná');
  });

  it('counts accused and indicted persons by sex and citizenship; the publication profile withholds more', async () => {
    const standard = await ask(statistician, 'accused-by-sex-citizenship', `?year=${YEAR}`);
    expect(standard.status).toBe(200);
    const cells = [[0, 1], [5, 0], [0, 0]];
    expectSuppressedOf(standard.body.data, ['f', 'm', 'x'], ['do', 've'], cells, 5);
    const publication = await ask(statistician, 'accused-by-sex-citizenship', `?year=${YEAR}&profile=publication`);
    expect(publication.body.meta).toMatchObject({ k: 11, profile: 'publication' });
    expectSuppressedOf(publication.body.data, ['f', 'm', 'x'], ['do', 've'], cells, 11);
    expect(publication.body.data.cells[1][0]).toEqual({ value: null, suppressed: 'primary', text: '<11' });
  });

  it('answers every indicator over all the demo cases, with no published figure below k', async () => {
    for (const key of ['victims-by-sex-age', 'victims-by-citizenship-exploitation', 'cases-by-stage', 'cases-opened-by-month', 'accused-by-sex-citizenship', 'cases-by-province']) {
      for (const profile of ['standard', 'publication']) {
        const res = await ask(chief, key, `?profile=${profile}`);
        expect(res.status, key).toBe(200);
        const k = res.body.meta.k as number;
        const { cells, rowTotals, columnTotals, total } = res.body.data as Answer;
        for (const figure of [...cells.flat(), ...rowTotals, ...columnTotals, total]) {
          if (figure.suppressed) expect(figure.value).toBeNull();
          else expect(figure.value === 0 || figure.value! >= k, `${key} ${figure.value}`).toBe(true);
        }
      }
    }
    // Every case counted once: the total is the number of cases the chief prosecutor's list counts.
    const all = await ask(statistician, 'cases-opened-by-month', '');
    const count = await chief.request('GET', '/api/cases?pagination[pageSize]=1');
    expect(count.status).toBe(200);
    expect(all.body.data.total).toMatchObject({ value: count.body.meta.pagination.total, suppressed: null });
  });

  it('refuses other roles (403) and anonymous callers (401)', async () => {
    // Other roles have no grant, so users-permissions refuses before the controller's own role check
    // (the second lock, for a grant added by mistake) is reached.
    const refused = await ask(fiscal, 'victims-by-sex-age', `?year=${YEAR}`, 'en');
    expect(refused.status).toBe(403);
    expect(refused.body.data ?? null).toBeNull();
    expect((await fiscal.request('GET', '/api/statistics/indicators')).status).toBe(403);
    expect((await anonymous.request('GET', '/api/statistics/indicators')).status).toBe(401);
    expect((await ask(anonymous, 'victims-by-sex-age', `?year=${YEAR}`)).status).toBe(401);
  });

  it('answers 400 naming the field for a bad year, date, province, profile or indicator', async () => {
    const cases: Array<[string, string, string]> = [
      ['victims-by-sex-age', '?year=20x5', 'year'],
      ['victims-by-sex-age', '?from=2005-02-30', 'from'],
      ['victims-by-sex-age', `?year=${YEAR}&from=2005-01-01`, 'year'],
      ['victims-by-sex-age', '?province=atlantis', 'province'],
      ['victims-by-sex-age', '?profile=open', 'profile'],
      ['victims-by-sex-age', '?limit=5', 'limit'],
      ['people-by-name', `?year=${YEAR}`, 'key'],
    ];
    for (const [key, query, field] of cases) {
      const res = await ask(statistician, key, query, 'en');
      expect(res.status, `${key}${query}`).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    const spanish = await ask(statistician, 'victims-by-sex-age', '?profile=open');
    expect(spanish.body.error.message).toMatch(/^El perfil debe ser uno de/);
  });
});

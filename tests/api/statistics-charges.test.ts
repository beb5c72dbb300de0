// The charge indicators over HTTP, on SQLite and PostgreSQL: a small fixture of cases, people and
// charges in a year the demo data never uses (2006), counted in SQL and compared with tables worked
// out by hand, answered only after small-cell suppression; the offence and lawVersion filters.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { expectSuppressedOf, type Answer, type Figure } from '../support/statistics.ts';

const targets = inject('apiTargets');
const YEAR = 2006;
const OFFENCES = ['trata-personas', 'trafico-migrantes', 'trafico-con-muerte', 'entrega-nna-explotacion', 'delito-conexo'];
const LAW_VERSIONS = ['trata-ley-137-03', 'trata-ley-63-24', 'trata-reforma-2025', 'trafico-ley-137-03', 'trafico-reforma-2025', 'ley-136-03', 'conexo-ley-propia'];
const BANDS = ['lt-1', '1-4', '5-9', '10-14', '15-19', '20-plus', 'unknown'];
const STAGES = ['investigated', 'prosecuted', 'convicted'];
const CASE_TYPES = ['trata', 'trafico', 'ambos', 'conexo'];



/** A table of zeros with the given cells set: `at(rows, columns, { 'row|column': n })`. */
const at = (rows: string[], columns: string[], set: Record<string, number>) => rows.map((r) => columns.map((c) => set[`${r}|${c}`] ?? 0));

describe.each(targets.map((t) => [t.name, t] as const))('charge statistics on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let statistician: ApiClient;
  let chief: ApiClient;

  const openCase = async (caseType: string, intakeDate: string, exploitationForms: string[], factsDate?: string) => {
    const body = newCaseBody(`Caso de prueba de cargos (DEMO) ${intakeDate}`);
    const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, caseType, intakeDate, province: 'azua', exploitationForms, ...(factsDate ? { factsDate } : {}) } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.documentId as string;
  };
  const addParty = async (caseId: string, data: Record<string, unknown>) => {
    const res = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { party: res.body.data.party as string, code: res.body.data.person.code as string };
  };
  const charge = async (caseId: string, party: string, data: Record<string, unknown>) => {
    const res = await fiscal.request('POST', `/api/cases/${caseId}/charges`, { body: { data: { party, ...data } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const man = (nationality: string, extra: Record<string, unknown> = {}) => ({ role: 'imputado', person: { sex: 'm', nationality, birthYear: 1975 }, ...extra });
  const woman = (nationality: string, extra: Record<string, unknown> = {}) => ({ role: 'acusado', person: { sex: 'f', nationality, birthYear: 1980 }, ...extra });
  const convicted = (sentenceMonths: number | null) => ({ status: 'convicted', chargedAt: `${YEAR}-06-01`, verdictAt: `${YEAR}-11-01`, sentenceMonths });

  beforeAll(async () => {
    [fiscal, statistician, chief] = await Promise.all(['fiscal.demo1', 'estadistica.demo', 'titular.demo'].map((u) => anonymous.as(u)));
    // Case A (trata, sexual exploitation): six men from DO charged with trafficking (A1 convicted
    // 20 years and also of a related offence, 30 months; A2 convicted 15 years; A3 acquitted; A4
    // indicted; A5 only suspected; A6 dismissed after being charged); a woman from VE, a public
    // official, charged; a company indicted.
    const a = await openCase('trata', `${YEAR}-03-01`, ['explotacion-sexual'], `${YEAR}-01-15`);
    const men = [];
    for (let i = 0; i < 6; i += 1) men.push(await addParty(a, man('do')));
    const trata = { offence: 'trata-personas' };
    await charge(a, men[0]!.party, { ...trata, ...convicted(240) });
    await charge(a, men[0]!.party, { offence: 'delito-conexo', ...convicted(30) });
    await charge(a, men[1]!.party, { ...trata, ...convicted(180) });
    await charge(a, men[2]!.party, { ...trata, status: 'acquitted', chargedAt: `${YEAR}-06-01`, verdictAt: `${YEAR}-12-01` });
    await charge(a, men[3]!.party, { ...trata, status: 'indicted', chargedAt: `${YEAR}-06-01` });
    await charge(a, men[4]!.party, { ...trata, status: 'suspected' });
    await charge(a, men[5]!.party, { ...trata, status: 'dismissed', chargedAt: `${YEAR}-06-01` });
    const official = await addParty(a, woman('ve', { isPublicOfficial: true }));
    await charge(a, official.party, { ...trata, status: 'charged', chargedAt: `${YEAR}-05-01` });
    const company = await addParty(a, { role: 'legal-person', person: { nationality: 'do' } });
    await charge(a, company.party, { ...trata, status: 'indicted', chargedAt: `${YEAR}-06-01` });
    // Case B (trata, forced labour): five women from DO convicted (5 to 9 years); a man from HT, a
    // public official, whose charge was withdrawn before any charge date.
    const b = await openCase('trata', `${YEAR}-05-10`, ['trabajo-forzoso']);
    for (const months of [60, 60, 72, 100, 119]) await charge(b, (await addParty(b, woman('do'))).party, { ...trata, ...convicted(months) });
    const officialB = await addParty(b, man('ht', { isPublicOfficial: true }));
    await charge(b, officialB.party, { ...trata, status: 'withdrawn' });
    // Case C (tráfico): three men from HT convicted of smuggling (two 130 months, one with no
    // sentence recorded); a man from DO, a public official, suspected of smuggling with death.
    const c = await openCase('trafico', `${YEAR}-09-01`, []);
    for (const months of [130, 130, null]) await charge(c, (await addParty(c, man('ht'))).party, { offence: 'trafico-migrantes', ...convicted(months) });
    await charge(c, (await addParty(c, man('do', { isPublicOfficial: true }))).party, { offence: 'trafico-con-muerte', status: 'suspected' });
    // Case D (ambos, sexual and labour exploitation): A1 again, suspected of trafficking.
    const d = await openCase('ambos', `${YEAR}-10-01`, ['explotacion-sexual', 'trabajo-forzoso']);
    await charge(d, (await addParty(d, { role: 'suspect', existingPerson: men[0]!.code })).party, { ...trata, status: 'suspected' });
  });

  const ask = (client: ApiClient, key: string, query: string, lang = 'es-DO') => client.request('GET', `/api/statistics/indicators/${key}${query}`, { lang });

  it('lists the charge indicators and the offence and lawVersion parameters in the catalogue', async () => {
    const res = await statistician.request('GET', '/api/statistics/indicators', { lang: 'en' });
    expect(res.status).toBe(200);
    const keys = ['offences-recorded', 'suspected-by-sex-citizenship', 'prosecuted-by-sex-citizenship', 'convicted-by-sex-citizenship', 'tip-prosecutions-convictions', 'tip-sentence-lengths', 'tip-officials'];
    expect(res.body.data.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(keys));
    const offences = res.body.data.find((i: { key: string }) => i.key === 'offences-recorded');
    expect(offences).toMatchObject({ group: 'global-report', name: 'Offences recorded by offence and law version', dimensions: { rows: { key: 'offence', codeList: 'offence' }, columns: { key: 'law-version', codeList: 'law-version' } } });
    expect(offences.parameters.map((p: { key: string }) => p.key)).toEqual(['year', 'from', 'to', 'province', 'offence', 'lawVersion', 'profile']);
  });

  it('counts offences recorded by offence and the law version in force on the date of the facts', async () => {
    const res = await ask(statistician, 'offences-recorded', `?year=${YEAR}`);
    expect(res.status).toBe(200);
    // Trafficking: A1-A6, the official and the company in A (8), B's six, D's one = 15.
    const cells = at(OFFENCES, LAW_VERSIONS, { 'trata-personas|trata-ley-137-03': 15, 'trafico-migrantes|trafico-ley-137-03': 3, 'trafico-con-muerte|trafico-ley-137-03': 1, 'delito-conexo|conexo-ley-propia': 1 });
    // Every small figure is withheld as primary (3, 1, 1 and their totals); the published 15 and 20 reveal none of them alone.
    expect(expectSuppressedOf(res.body.data, OFFENCES, LAW_VERSIONS, cells, 5)).toBe(0);
    expect(res.body.data.rows[0].label).toBe('Trata de personas');
    expect(res.body.data.cells[0][0]).toEqual({ value: 15, suppressed: null, text: '15' });
  });

  it('counts natural persons suspected, prosecuted and convicted, once per case, by sex and citizenship', async () => {
    const suspected = await ask(statistician, 'suspected-by-sex-citizenship', `?year=${YEAR}`);
    expect(suspected.status).toBe(200);
    // m DO: A1-A6, C's official, A1 again in D = 8; m HT: B's official, C's three = 4; f DO: B's five; f VE: A's official.
    expectSuppressedOf(suspected.body.data, ['f', 'm', 'x'], ['do', 'ht', 've'], [[5, 0, 1], [8, 4, 0], [0, 0, 0]], 5);

    const prosecuted = await ask(statistician, 'prosecuted-by-sex-citizenship', `?year=${YEAR}`);
    // Not A5 (suspected), nor B's withdrawn official (no charge date), nor C's suspect, nor A1 in D.
    expectSuppressedOf(prosecuted.body.data, ['f', 'm', 'x'], ['do', 'ht', 've'], [[5, 0, 1], [5, 3, 0], [0, 0, 0]], 5);

    const convictedTable = await ask(statistician, 'convicted-by-sex-citizenship', `?year=${YEAR}`);
    expectSuppressedOf(convictedTable.body.data, ['f', 'm', 'x'], ['do', 'ht'], [[5, 0], [2, 3], [0, 0]], 5);
    const publication = await ask(statistician, 'convicted-by-sex-citizenship', `?year=${YEAR}&profile=publication`);
    expect(publication.body.meta).toMatchObject({ k: 11, profile: 'publication' });
    expectSuppressedOf(publication.body.data, ['f', 'm', 'x'], ['do', 'ht'], [[5, 0], [2, 3], [0, 0]], 11);
  });

  it('counts TIP trafficking investigations, prosecutions and convictions by the kind of exploitation of the case', async () => {
    const res = await ask(statistician, 'tip-prosecutions-convictions', `?year=${YEAR}`, 'en');
    expect(res.status).toBe(200);
    // A is sexual (7 natural persons charged with trafficking), B labour (6), D mixed: unspecified (1); C is smuggling only.
    expectSuppressedOf(res.body.data, STAGES, ['sex', 'labour', 'unspecified'], [[7, 6, 1], [6, 5, 0], [2, 5, 0]], 5);
    expect(res.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Investigated', 'Prosecuted', 'Convicted']);
  });

  it('counts sentences by length band and offence, and public officials by stage and case type', async () => {
    const sentences = await ask(statistician, 'tip-sentence-lengths', `?year=${YEAR}`);
    expect(sentences.status).toBe(200);
    const cells = at(BANDS, OFFENCES, { '1-4|delito-conexo': 1, '5-9|trata-personas': 5, '10-14|trafico-migrantes': 2, '15-19|trata-personas': 1, '20-plus|trata-personas': 1, 'unknown|trafico-migrantes': 1 });
    expectSuppressedOf(sentences.body.data, BANDS, OFFENCES, cells, 5);
    expect(sentences.body.data.rows[5].label).toBe('20 años o más');

    const officials = await ask(statistician, 'tip-officials', `?year=${YEAR}`);
    expect(officials.status).toBe(200);
    expectSuppressedOf(officials.body.data, STAGES, CASE_TYPES, [[2, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]], 5);
  });

  it('narrows any indicator to cases with a charge of an offence, under a law version', async () => {
    // Only case C has a smuggling charge: all of its charged people count.
    const smuggling = await ask(statistician, 'suspected-by-sex-citizenship', `?year=${YEAR}&offence=trafico-migrantes`);
    expect(smuggling.status).toBe(200);
    expect(smuggling.body.meta.scope).toMatchObject({ offence: 'trafico-migrantes', lawVersion: null });
    expectSuppressedOf(smuggling.body.data, ['f', 'm', 'x'], ['do', 'ht'], [[0, 0], [1, 3], [0, 0]], 5);
    // Only case A has a related offence under its own law: every charge of case A.
    const related = await ask(statistician, 'offences-recorded', `?year=${YEAR}&lawVersion=conexo-ley-propia`);
    expectSuppressedOf(related.body.data, OFFENCES, LAW_VERSIONS, at(OFFENCES, LAW_VERSIONS, { 'trata-personas|trata-ley-137-03': 8, 'delito-conexo|conexo-ley-propia': 1 }), 5);
    // Both: the same charge must have the offence and the version; no 2006 charge is under Ley 63-24.
    const none = await ask(statistician, 'cases-by-stage', `?year=${YEAR}&offence=trata-personas&lawVersion=trata-ley-63-24`);
    expect(none.status).toBe(200);
    expect(none.body.data.total).toEqual({ value: 0, suppressed: null, text: '0' });
    const trafficking = await ask(statistician, 'cases-by-stage', `?year=${YEAR}&offence=trata-personas&lawVersion=trata-ley-137-03`);
    expect(trafficking.body.data.columnTotals.map((f: Figure) => f.value ?? f.text)).toEqual(['<5', 0, '<5', 0]);
  });

  it('answers 400 naming the field for an unknown offence or law version', async () => {
    for (const [query, field] of [['?offence=robo', 'offence'], ['?lawVersion=ley-1-99', 'lawVersion'], ['?offence=trata-personas&offence=trafico-migrantes', 'offence']] as const) {
      const res = await ask(statistician, 'offences-recorded', query, 'en');
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    const spanish = await ask(statistician, 'offences-recorded', '?lawVersion=ley-1-99');
    expect(spanish.body.error.message).toMatch(/^Versión de la ley no válida/);
  });

  it('answers every charge indicator over all the demo cases, with no published figure below k', async () => {
    for (const key of ['offences-recorded', 'suspected-by-sex-citizenship', 'prosecuted-by-sex-citizenship', 'convicted-by-sex-citizenship', 'tip-prosecutions-convictions', 'tip-sentence-lengths', 'tip-officials']) {
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
    expect((await ask(fiscal, 'offences-recorded', `?year=${YEAR}`)).status).toBe(403);
  });
});

// Opening and editing cases: server-assigned numbers, validation in the caller's language, and
// refusals that leave nothing half-written.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';

const targets = inject('apiTargets');

const valid = () => ({
  title: 'Caso de prueba: explotación laboral en finca (DEMO)',
  caseType: 'trata',
  origin: 'denuncia',
  intakeDate: '2026-01-15',
  province: 'santiago',
  exploitationForms: ['trabajo-forzoso'],
  palermoActs: ['captacion'],
  palermoMeans: ['engano'],
  priority: 'high',
  risk: 'medium',
  isComplex: false,
  summary: 'Hechos ficticios para pruebas automáticas.',
});

describe.each(targets.map((t) => [t.name, t] as const))('opening and editing cases on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let investigator: ApiClient;
  const total = async () => (await chief.get('/api/cases')).body.meta.pagination.total as number;

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
    fiscal2 = await anonymous.as('fiscal.demo2');
    investigator = await anonymous.as('investigador.demo');
  });

  it('a prosecutor opens a case: the server numbers it, starts it at intake and puts them on its team', async () => {
    const res = await fiscal1.request('POST', '/api/cases', { body: { data: valid() } });
    expect(res.status).toBe(201);
    const year = new Date().getUTCFullYear();
    expect(res.body.data.caseNumber).toMatch(new RegExp(`^PETT-(${year}|${year - 1})-\\d{5}$`));
    expect(res.body.data.stage).toBe('intake');
    expect((await fiscal1.get(`/api/cases/${res.body.data.documentId}`)).status).toBe(200);
    expect((await fiscal2.get(`/api/cases/${res.body.data.documentId}`)).status).toBe(404);
    const found = await fiscal1.get(`/api/cases?${qs({ 'filters[caseNumber][$eq]': res.body.data.caseNumber })}`);
    expect(found.body.data).toHaveLength(1);
  });

  it('numbers stay unique and consecutive when many cases are opened at once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? fiscal1 : fiscal2).request('POST', '/api/cases', { body: { data: { ...valid(), title: `Apertura simultánea número ${i}` } } })));
    for (const r of results) expect(r.status).toBe(201);
    const sequence = results.map((r) => Number(r.body.data.caseNumber.slice(-5))).sort((a, b) => a - b);
    expect(new Set(sequence).size).toBe(8);
    expect(sequence[7] - sequence[0]).toBe(7);
  });

  it('a missing required field is refused with 400 naming the field, in Spanish by default', async () => {
    const before = await total();
    const { title: _t, ...rest } = valid();
    const res = await fiscal1.request('POST', '/api/cases', { body: { data: rest } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['title']);
    expect(res.body.error.message).toContain('«title»');
    expect(res.body.error.message).toContain('obligatorio');
    expect(await total()).toBe(before);
  });

  it('answers in English when the caller prefers English', async () => {
    const res = await fiscal1.request('POST', '/api/cases', { body: { data: { ...valid(), province: 'atlantis' } }, lang: 'en-US,en;q=0.9' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The value «atlantis» is not valid for «province» (province): choose one from the list.');
  });

  it.each([
    ['an unknown field', { colour: 'rojo' }, 'colour'],
    ['a date in the future', { intakeDate: '2999-01-01' }, 'intakeDate'],
    ['an impossible date', { intakeDate: '2026-02-30' }, 'intakeDate'],
    ['facts after intake', { factsDate: '2026-02-01' }, 'factsDate'],
    ['a code outside its list', { exploitationForms: ['trabajo-forzoso', 'inventada'] }, 'exploitationForms'],
    ['a repeated code', { palermoActs: ['captacion', 'captacion'] }, 'palermoActs'],
    ['a priority outside the choices', { priority: 'enorme' }, 'priority'],
    ['a title that is too short', { title: 'ab' }, 'title'],
    ['a title of the wrong type', { title: 42 }, 'title'],
    ['a flag that is not true or false', { isComplex: 'sí' }, 'isComplex'],
  ])('%s is refused with 400 and nothing is written', async (_label, change, field) => {
    const before = await total();
    const res = await fiscal1.request('POST', '/api/cases', { body: { data: { ...valid(), ...change } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
    expect(await total()).toBe(before);
  });

  it.each([['caseNumber', 'PETT-2026-99999'], ['stage', 'closed'], ['members', [1]], ['isDemo', true], ['year', 1999]])(
    'setting the server-owned field %s is refused with 403 naming it',
    async (field, value) => {
      const before = await total();
      const res = await fiscal1.request('POST', '/api/cases', { body: { data: { ...valid(), [field]: value } } });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(`«${field}»`);
      expect(await total()).toBe(before);
    },
  );

  it('a body that is not an object is refused with 400', async () => {
    for (const body of [{ data: 'texto' }, { data: [1, 2] }, {}]) {
      const res = await fiscal1.request('POST', '/api/cases', { body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    const broken = await fiscal1.request('POST', '/api/cases', { headers: { 'content-type': 'application/json' }, body: undefined });
    expect(broken.status).toBeLessThan(500);
  });

  it('an investigator may not open a case', async () => {
    const res = await investigator.request('POST', '/api/cases', { body: { data: valid() } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('No tiene permiso para realizar esta acción.');
  });

  it('the team lead edits the case; another team cannot even find it', async () => {
    const created = await fiscal1.request('POST', '/api/cases', { body: { data: valid() } });
    const id = created.body.data.documentId;
    const edited = await fiscal1.request('PUT', `/api/cases/${id}`, { body: { data: { title: 'Título corregido del caso de prueba', risk: 'high' } } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ title: 'Título corregido del caso de prueba', risk: 'high', caseNumber: created.body.data.caseNumber });
    const foreign = await fiscal2.request('PUT', `/api/cases/${id}`, { body: { data: { title: 'Intento desde otro equipo' } } });
    expect(foreign.status).toBe(404);
    const stage = await fiscal1.request('PUT', `/api/cases/${id}`, { body: { data: { stage: 'closed' } } });
    expect(stage.status).toBe(403);
    const bad = await fiscal1.request('PUT', `/api/cases/${id}`, { body: { data: { factsDate: '2026-06-01' } } });
    expect(bad.status).toBe(400);
    const after = await fiscal1.get(`/api/cases/${id}`);
    expect(after.body.data).toMatchObject({ title: 'Título corregido del caso de prueba', stage: 'intake', factsDate: null });
  });

  it('nobody deletes a case through the API', async () => {
    const list = await chief.get(`/api/cases?${qs({ 'pagination[pageSize]': 1 })}`);
    const res = await chief.request('DELETE', `/api/cases/${list.body.data[0].documentId}`);
    expect(res.status).toBe(403);
  });
});

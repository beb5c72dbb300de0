// Forms as data: a configurator builds a form in the admin panel, publishing checks it and freezes a
// version; the portal reads it; the server checks a record's answers against it; a new version and a
// deactivated code never make an old record unreadable or invalid.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';

const targets = inject('apiTargets');
const FORMS_ADMIN = '/content-manager/collection-types/plugin::forms.form-definition';
const LISTS_ADMIN = '/content-manager/collection-types/api::code-list.code-list';

describe.each(targets.map((t) => [t.name, t] as const))('forms on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const tag = Math.random().toString(36).slice(2, 8);
  const listKey = `senales-${tag}`;
  let admin: Record<string, string>;
  let fiscal: ApiClient;
  let listId: string;
  let formId: string;

  const adminCall = (method: string, path: string, body?: unknown, lang = 'en') => anonymous.request(method, path, { headers: admin, body, lang });
  const publish = (lang = 'en') => adminCall('POST', `${FORMS_ADMIN}/${formId}/actions/publish`, {}, lang);
  const errorPaths = (res: { body: { error?: { details?: { errors?: Array<{ path: Array<string | number> }> } } } }) => (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));

  /** The case form of this run: a yes/no, a conditional required text, a multiple choice on the new list, a bounded number. */
  const fieldsV1 = () => [
    { key: 'victimasMenores', type: 'yes-no', labelEs: 'Hay víctimas menores', labelEn: 'There are child victims' },
    { key: 'escuela', type: 'short-text', labelEs: 'Escuela notificada', labelEn: 'School notified', required: true, showWhenField: 'victimasMenores', showWhenValues: 'sí' },
    { key: 'senales', type: 'multiple-choice', labelEs: 'Señales observadas', labelEn: 'Signs observed', codeList: { connect: [{ documentId: listId }] } },
    { key: 'horas', type: 'integer', labelEs: 'Horas de trabajo al día', labelEn: 'Working hours a day', minNumber: 0, maxNumber: 24 },
    { key: 'apodo', type: 'short-text', labelEs: 'Apodo del captador', labelEn: 'Recruiter nickname' },
  ];
  const formBody = (fields: unknown[]) => ({ key: `caso-extra-${tag}`, name: 'Datos adicionales del caso (prueba)', target: 'case', sections: [{ key: 'principal', titleEs: 'Principal', titleEn: 'Main', fields }] });

  beforeAll(async () => {
    admin = await anonymous.adminHeaders();
    fiscal = await anonymous.as('fiscal.demo1');
    const list = await adminCall('POST', LISTS_ADMIN, {
      key: listKey, nameEs: 'Señales (prueba)', nameEn: 'Signs (test)',
      items: [{ code: 'encierro', labelEs: 'Encierro', labelEn: 'Confinement', active: true, sortOrder: 1 }, { code: 'deudas', labelEs: 'Deudas', labelEn: 'Debts', active: true, sortOrder: 2 }],
    });
    expect(list.status, JSON.stringify(list.body)).toBe(201);
    listId = list.body.data.documentId;
    const existing = await adminCall('GET', `${FORMS_ADMIN}?filters[target][$eq]=case`);
    expect(existing.body.results, 'no case form before this test').toEqual([]);
  });

  afterAll(async () => {
    // Leave the server as other test files expect it: the case form asks nothing that is required.
    if (!formId) return;
    await adminCall('PUT', `${FORMS_ADMIN}/${formId}`, formBody([{ key: 'nota', type: 'long-text', labelEs: 'Nota', labelEn: 'Note' }]));
    await publish();
  });

  it('refuses to publish a broken form, naming each problem where the configurator typed it, in their language', async () => {
    const broken = [
      ...fieldsV1().slice(0, 1),
      { key: 'escuela', type: 'short-text', labelEs: 'Escuela', labelEn: 'School', showWhenField: 'noExiste', showWhenValues: 'sí' },
      { key: 'horas', type: 'integer', labelEs: 'Horas', labelEn: 'Hours', minNumber: 10, maxNumber: 2 },
      { key: 'sinLista', type: 'single-choice', labelEs: 'Sin lista', labelEn: 'No list' },
    ];
    const created = await adminCall('POST', FORMS_ADMIN, formBody(broken));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    formId = created.body.data.documentId;
    const refused = await publish('es');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^El formulario tiene 3 problemas y no se puede publicar/);
    expect(errorPaths(refused)).toEqual(['sections.0.fields.1.showWhenField', 'sections.0.fields.2.maxNumber', 'sections.0.fields.3.codeList']);
    const portal = await fiscal.get('/api/forms/case');
    expect(portal.status).toBe(200);
    expect(portal.body.data).toBeNull(); // nothing published: records take no extra answers
  });

  it('a second form for the same kind of record is refused', async () => {
    const second = await adminCall('POST', FORMS_ADMIN, { ...formBody(fieldsV1()), key: `otro-${tag}` });
    expect(second.status).toBe(400);
    expect(errorPaths(second)).toEqual(['target']);
  });

  it('publishes a corrected form as version 1, which the portal reads with its code lists', async () => {
    const saved = await adminCall('PUT', `${FORMS_ADMIN}/${formId}`, formBody(fieldsV1()));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const published = await publish();
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const res = await fiscal.get('/api/forms/case', 'en');
    expect(res.status).toBe(200);
    expect(res.body.data.version).toBe(1);
    const fields = res.body.data.definition.sections[0].fields;
    expect(fields.map((f: { key: string }) => f.key)).toEqual(['victimasMenores', 'escuela', 'senales', 'horas', 'apodo']);
    expect(fields[1]).toMatchObject({ required: true, showWhen: { field: 'victimasMenores', in: [true] } });
    expect(fields[2]).toMatchObject({ codeList: listKey });
    expect(res.body.data.codeLists[listKey].map((i: { code: string }) => i.code)).toEqual(['encierro', 'deudas']);
    // Publishing again without a change freezes nothing new.
    expect((await publish()).status).toBe(200);
    expect((await fiscal.get('/api/forms/case')).body.meta.versions).toEqual([1]);
  });

  let caseId: string;

  it('checks a new case’s answers on the server: each bad answer on its own path, in the caller’s language', async () => {
    const body = newCaseBody('Caso ficticio con formulario adicional');
    const bad = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, custom: { victimasMenores: true, senales: ['encierro', 'otra'], horas: 30, color: 'rojo' } } }, lang: 'es' });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad).sort()).toEqual(['custom.color', 'custom.escuela', 'custom.horas', 'custom.senales.1']);
    const messages = Object.fromEntries(bad.body.error.details.errors.map((e: { path: string[]; message: string }) => [e.path.join('.'), e.message]));
    expect(messages['custom.escuela']).toBe('«Escuela notificada» es obligatorio.');
    expect(messages['custom.horas']).toBe('«Horas de trabajo al día» debe ser como máximo 24.');
    expect((await queryRows(target, "SELECT count(*) AS n FROM cases WHERE title = 'Caso ficticio con formulario adicional'"))[0]).toMatchObject({ n: expect.anything() });
    const none = await queryRows<{ n: number | string }>(target, "SELECT count(*) AS n FROM cases WHERE title = 'Caso ficticio con formulario adicional'");
    expect(Number(none[0].n)).toBe(0); // no half-written record

    const good = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, custom: { victimasMenores: false, escuela: 'se descarta: oculto', senales: ['encierro', 'deudas'], horas: 14, apodo: 'El Flaco (ficticio)' } } } });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    caseId = good.body.data.documentId;
    const [row] = await queryRows<{ custom: unknown; custom_form_version: number }>(target, `SELECT custom, custom_form_version FROM cases WHERE document_id = '${caseId}'`);
    const stored = typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom;
    expect(stored).toEqual({ victimasMenores: false, senales: ['encierro', 'deudas'], horas: 14, apodo: 'El Flaco (ficticio)' }); // the hidden answer is dropped
    expect(Number(row.custom_form_version)).toBe(1);
  });

  it('keeps an old record readable and valid after a new version retires a field and a code is deactivated', async () => {
    // Version 2: the nickname is retired, a required yes/no is added.
    const v2 = [...fieldsV1().filter((f) => f.key !== 'apodo'), { key: 'denunciaPrevia', type: 'yes-no', labelEs: 'Hubo denuncia previa', labelEn: 'Earlier complaint', required: true }];
    expect((await adminCall('PUT', `${FORMS_ADMIN}/${formId}`, formBody(v2))).status).toBe(200);
    expect((await publish()).status).toBe(200);
    expect((await fiscal.get('/api/forms/case')).body.meta.versions).toEqual([1, 2]);
    const old = await fiscal.get('/api/forms/case/versions/1');
    expect(old.status).toBe(200);
    expect(old.body.data.definition.sections[0].fields.map((f: { key: string }) => f.key)).toContain('apodo');

    // Deactivate "deudas" in the list, as the configurator does in the admin panel.
    const list = await adminCall('GET', `${LISTS_ADMIN}/${listId}`);
    const items = list.body.data.items.map(({ id: _id, ...item }: { id: number; code: string }) => ({ ...item, active: item.code !== 'deudas' }));
    expect((await adminCall('PUT', `${LISTS_ADMIN}/${listId}`, { ...list.body.data, items })).status).toBe(200);

    // The old case still reads with its answers, including the retired one and the deactivated code.
    const read = await fiscal.get(`/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.data.custom).toMatchObject({ apodo: 'El Flaco (ficticio)', senales: ['encierro', 'deudas'] });
    // Saving it again under version 2: the retired answer is kept, the deactivated code it holds stays acceptable.
    const resaved = await fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { custom: { victimasMenores: false, senales: ['encierro', 'deudas'], horas: 14, denunciaPrevia: true } } } });
    expect(resaved.status, JSON.stringify(resaved.body)).toBe(200);
    const [row] = await queryRows<{ custom: unknown; custom_form_version: number }>(target, `SELECT custom, custom_form_version FROM cases WHERE document_id = '${caseId}'`);
    expect(typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom).toMatchObject({ apodo: 'El Flaco (ficticio)', denunciaPrevia: true });
    expect(Number(row.custom_form_version)).toBe(2);
    // Changing the retired answer is refused; a new case cannot pick the deactivated code.
    const changed = await fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { custom: { denunciaPrevia: true, apodo: 'Otro' } } }, lang: 'en' });
    expect(changed.status).toBe(400);
    expect(changed.body.error.details.errors[0]).toEqual({ path: ['custom', 'apodo'], message: 'The field «apodo» was retired from the form: its answer is kept and can no longer be changed.' });
    const fresh = await fiscal.request('POST', '/api/cases', { body: { data: { ...newCaseBody('Caso ficticio con código inactivo').data, custom: { denunciaPrevia: false, senales: ['deudas'] } } } });
    expect(fresh.status).toBe(400);
    expect(errorPaths(fresh)).toEqual(['custom.senales.0']);
    // A case opened without answers holds none until someone answers the form (then all that is required).
    const silent = await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso ficticio sin respuestas') });
    expect(silent.status, JSON.stringify(silent.body)).toBe(201);
    const [unanswered] = await queryRows<{ custom_form_version: number | null }>(target, `SELECT custom_form_version FROM cases WHERE document_id = '${silent.body.data.documentId}'`);
    expect(unanswered.custom_form_version).toBeNull();
    const partial = await fiscal.request('PUT', `/api/cases/${silent.body.data.documentId}`, { body: { data: { custom: { horas: 3 } } } });
    expect(errorPaths(partial)).toEqual(['custom.denunciaPrevia']);
  });

  it('sensitive answers reach only the roles that read victims’ answers; others read the record without them', async () => {
    const v3 = [
      ...fieldsV1().filter((f) => f.key !== 'apodo'),
      { key: 'denunciaPrevia', type: 'yes-no', labelEs: 'Hubo denuncia previa', labelEn: 'Earlier complaint', required: true },
      { key: 'embarazo', type: 'yes-no', labelEs: 'Víctima embarazada', labelEn: 'Victim pregnant', sensitive: true },
    ];
    expect((await adminCall('PUT', `${FORMS_ADMIN}/${formId}`, formBody(v3))).status).toBe(200);
    expect((await publish()).status).toBe(200);
    const saved = await fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { custom: { denunciaPrevia: true, horas: 9, embarazo: true } } } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const ids = await userIds(target);
    const added = await fiscal.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const investigator = await anonymous.as('investigador.demo');
    const seen = await investigator.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.custom).toMatchObject({ denunciaPrevia: true, horas: 9 });
    expect(seen.body.data.custom).not.toHaveProperty('embarazo');
    const listed = await investigator.get(`/api/cases?filters[documentId][$eq]=${caseId}`);
    expect(listed.body.data[0].custom).not.toHaveProperty('embarazo');
    expect((await fiscal.get(`/api/cases/${caseId}`)).body.data.custom).toMatchObject({ embarazo: true });
  });

  it('a key cannot change its type in a new version, and a published form cannot be unpublished or deleted', async () => {
    const retyped = fieldsV1().map((f) => (f.key === 'horas' ? { ...f, type: 'short-text', minNumber: undefined, maxNumber: undefined } : f));
    expect((await adminCall('PUT', `${FORMS_ADMIN}/${formId}`, formBody(retyped))).status).toBe(200);
    const refused = await publish();
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('«horas» already holds answers of type integer');
    expect((await adminCall('POST', `${FORMS_ADMIN}/${formId}/actions/unpublish`, {})).status).toBe(400);
    expect((await adminCall('DELETE', `${FORMS_ADMIN}/${formId}`)).status).toBe(400);
  });

  it('a victim profile takes the answers of its own form, checked the same way, and a new victim needs none to be added', async () => {
    // The statistics tests may have made the victim-profile form already: then this is its next version.
    const [existingVp] = (await adminCall('GET', `${FORMS_ADMIN}?filters[target][$eq]=victim-profile`)).body.results as Array<{ documentId: string; key: string }>;
    const vpFormBody = {
      key: existingVp?.key ?? `victima-extra-${tag}`, name: 'Datos adicionales de la víctima (prueba)', target: 'victim-profile',
      sections: [{ key: 'senales', titleEs: 'Señales', titleEn: 'Signs', fields: [
        { key: 'senalesVistas', type: 'multiple-choice', labelEs: 'Señales vistas', labelEn: 'Signs seen', required: true, codeList: { connect: [{ documentId: listId }] } },
      ] }],
    };
    const vpForm = existingVp ? await adminCall('PUT', `${FORMS_ADMIN}/${existingVp.documentId}`, vpFormBody) : await adminCall('POST', FORMS_ADMIN, vpFormBody);
    expect(vpForm.status, JSON.stringify(vpForm.body)).toBe(existingVp ? 200 : 201);
    const vpPublished = await adminCall('POST', `${FORMS_ADMIN}/${vpForm.body.data.documentId}/actions/publish`, {});
    expect(vpPublished.status, JSON.stringify(vpPublished.body)).toBe(200);
    const added = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', birthYear: 1995 } } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const code = added.body.data.person.code as string;
    const profile = (body: unknown, lang = 'en') => fiscal.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: body }, lang });
    const missing = await profile({ custom: {} }, 'es');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors).toEqual([{ path: ['custom', 'senalesVistas'], message: '«Señales vistas» es obligatorio.' }]);
    const saved = await profile({ custom: { senalesVistas: ['encierro'] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data).toMatchObject({ custom: { senalesVistas: ['encierro'] }, customFormVersion: expect.any(Number) });
    const read = await fiscal.get(`/api/people/by-code/${code}`);
    expect(read.body.data.victimProfile).toMatchObject({ custom: { senalesVistas: ['encierro'] }, customFormVersion: saved.body.data.customFormVersion });
  });

  it('a party takes the answers of the party form on its case; sensitive ones reach only those who read victims’ answers', async () => {
    // The statistics tests may have made the party form already (one form per kind of record): then this is its next version.
    const [existingParty] = (await adminCall('GET', `${FORMS_ADMIN}?filters[target][$eq]=case-party`)).body.results as Array<{ documentId: string; key: string }>;
    const partyFormBody = {
      key: existingParty?.key ?? `interviniente-${tag}`, name: 'Datos del interviniente (prueba)', target: 'case-party',
      sections: [{ key: 'rol', titleEs: 'Participación', titleEn: 'Involvement', fields: [
        { key: 'reclutado', type: 'yes-no', labelEs: 'Fue reclutado por la red', labelEn: 'Recruited by the network' },
        { key: 'cooperador', type: 'yes-no', labelEs: 'Coopera con la fiscalía', labelEn: 'Cooperates with the prosecution', sensitive: true },
      ] }],
    };
    const partyForm = existingParty ? await adminCall('PUT', `${FORMS_ADMIN}/${existingParty.documentId}`, partyFormBody) : await adminCall('POST', FORMS_ADMIN, partyFormBody);
    expect(partyForm.status, JSON.stringify(partyForm.body)).toBe(existingParty ? 200 : 201);
    expect((await adminCall('POST', `${FORMS_ADMIN}/${partyForm.body.data.documentId}/actions/publish`, {})).status).toBe(200);
    const added = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'witness', person: { sex: 'm', birthYear: 1980 } } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const code = added.body.data.person.code as string;
    const page = await fiscal.get(`/api/people/by-code/${code}`);
    const party = page.body.data.parties.find((p: { case: { documentId: string } }) => p.case.documentId === caseId);
    expect(party).toMatchObject({ custom: null, customFormVersion: null, canEdit: true });

    const answer = (client: ApiClient, body: unknown, lang = 'en') => client.request('PUT', `/api/cases/${caseId}/parties/${party.documentId}`, { body, lang });
    expect((await answer(fiscal, { data: { custom: { reclutado: 'tal vez' } } })).body.error.details.errors[0].path).toEqual(['custom', 'reclutado']);
    expect((await answer(fiscal, { data: { custom: {}, role: 'victim-adult' } })).body.error.details.errors[0].path).toEqual(['role']);
    const saved = await answer(fiscal, { data: { custom: { reclutado: true, cooperador: true } } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data).toMatchObject({ custom: { reclutado: true, cooperador: true }, customFormVersion: expect.any(Number) });

    const investigator = await anonymous.as('investigador.demo'); // on this case's team since the test above
    expect((await answer(investigator, { data: { custom: { reclutado: false } } })).status).toBe(403);
    const seen = await investigator.get(`/api/people/by-code/${code}`);
    expect(seen.status).toBe(200);
    const seenParty = seen.body.data.parties.find((p: { documentId: string }) => p.documentId === party.documentId);
    expect(seenParty.custom).toEqual({ reclutado: true });
    expect(seenParty.canEdit).toBe(false);
    expect((await fiscal.get(`/api/people/by-code/${code}`)).body.data.parties.find((p: { documentId: string }) => p.documentId === party.documentId).custom).toEqual({ reclutado: true, cooperador: true });
    const outsider = await anonymous.as('fiscal.demo2');
    expect((await answer(outsider, { data: { custom: { reclutado: false } } })).status).toBe(404);
  });

  it('the admin panel’s Preview opens the draft in the portal from a signed link that only works for it', async () => {
    const urlAnswer = await adminCall('GET', `/content-manager/preview/url/plugin::forms.form-definition?documentId=${formId}&status=draft`);
    expect(urlAnswer.status, JSON.stringify(urlAnswer.body)).toBe(200);
    const url = urlAnswer.body.data.url as string;
    expect(url).toMatch(/^\/vista-previa\/formulario\?token=[a-z0-9]+\.\d{13}\.[A-Za-z0-9_-]{43}$/);
    const token = new URL(url, target.baseUrl).searchParams.get('token')!;
    const draft = await anonymous.get(`/api/forms/preview?token=${encodeURIComponent(token)}`);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.data).toMatchObject({ target: 'case', name: 'Datos adicionales del caso (prueba)' });
    // The server's own check runs against the draft; nothing is saved.
    const check = await anonymous.request('POST', `/api/forms/preview/check?token=${encodeURIComponent(token)}`, { body: { data: { custom: { colorFavorito: 'rojo' } } }, lang: 'en' });
    expect(check.status).toBe(400);
    expect(check.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain('custom.colorFavorito');
    const [id, expiry, signature] = token.split('.');
    for (const forged of [`${id}.${Number(expiry) + 1}.${signature}`, `${id}.${expiry}.${signature!.slice(1)}A`, 'nonsense']) {
      const refused = await anonymous.get(`/api/forms/preview?token=${encodeURIComponent(forged)}`, 'en');
      expect(refused.status, forged).toBe(404);
      expect(refused.body.error.message).toBe('This preview link is no longer valid: open it again from the admin panel.');
    }
    // Only the preview page may be framed, and only by the same origin.
    const page = await fetch(`${target.baseUrl}${url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const other = await fetch(`${target.baseUrl}/casos`);
    expect(other.status).toBe(200);
    expect(other.headers.get('x-frame-options')).toBe('DENY');
    expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers bad form addresses with a 4xx that names the problem', async () => {
    const target400 = await fiscal.get('/api/forms/spaceship', 'en');
    expect(target400.status).toBe(400);
    expect(target400.body.error.message).toMatch(/must be one of: case, victim-profile/);
    expect((await fiscal.get('/api/forms/case/versions/abc')).status).toBe(400);
    expect((await fiscal.get('/api/forms/case/versions/99')).status).toBe(404);
    expect((await anonymous.get('/api/forms/case')).status).toBe(401);
  });
});

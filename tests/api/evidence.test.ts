// Evidence and chain of custody over HTTP, on SQLite and PostgreSQL: items numbered within their
// case, files kept privately and checked by content (every listed upload attack refused), downloads
// byte for byte with their hash, hand-offs chained, the integrity check catching tampering a DBA
// could do in SQL or on disk, the case team as the only readers, and the Spanish custody form.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows, userIds } from '../support/db-facts.ts';
import { runScript } from '../support/scripts.ts';
import { appendOnlyStatements } from '../../plugins/evidence/server/src/chain/append-only.ts';

const targets = inject('apiTargets');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The text a viewer would show, run together: pdfkit writes standard-font text as hex strings in TJ arrays. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const block of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const hex of block[1].matchAll(/<([0-9a-fA-F]*)>/g)) out.push(Buffer.from(hex[1], 'hex').toString('latin1'));
  }
  return out.join('');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000', 'latin1'), Buffer.alloc(200, 0x21), Buffer.from([0xff, 0xd9])]);
const ZIP_TAIL = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(26), Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(18)]);

describe.each(targets.map((t) => [t.name, t] as const))('evidence on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let outsider: ApiClient;
  let investigator: ApiClient;
  let auditor: ApiClient;
  let caseId: string;
  let caseNumber: string;
  let investigatorDocumentId: string;
  const base = () => `/api/cases/${caseId}/evidence`;
  const maxBytes = Number(target.env.PETT_EVIDENCE_MAX_BYTES);
  const privateDir = path.join(target.dir, 'private');

  const item = (overrides: Record<string, unknown> = {}) => ({
    data: {
      evidenceType: 'telefono-movil', description: 'Teléfono móvil negro con funda roja (DEMO).', seizedAt: '2026-03-01T14:30:00-04:00',
      seizedWhere: 'Allanamiento, local comercial, Santiago (DEMO)', seizedBy: { agency: 'PN-TRATA', user: investigatorDocumentId },
      storageLocation: 'Almacén de evidencias PN, estante 4', sealNumber: 'PN-000123', condition: 'sellado-intacto', ...overrides,
    },
  });

  async function upload(client: ApiClient, number: number, bytes: Buffer, name: string, lang = 'es-DO') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${target.baseUrl}${base()}/${number}/files`, { method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'accept-language': lang }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function download(client: ApiClient, route: string) {
    const res = await fetch(`${target.baseUrl}${route}`, { headers: { authorization: `Bearer ${client.token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    [fiscal, outsider, investigator, auditor] = await Promise.all(['fiscal.demo1', 'fiscal.demo2', 'investigador.demo', 'auditor.demo'].map((u) => anonymous.as(u)));
    const created = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del registro de evidencias (DEMO)') })).body.data;
    caseId = created.documentId;
    caseNumber = created.caseNumber;
    const ids = await userIds(target);
    expect((await fiscal.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } })).status).toBe(201);
    investigatorDocumentId = (await queryRows<{ document_id: string }>(target, `select document_id from up_users where username = 'investigador.demo'`))[0].document_id;
  });

  it('records an item with its seizure as the first link of its chain, and says what is wrong with a bad one', async () => {
    const made = await investigator.request('POST', base(), { body: item() });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ number: 1, evidenceType: 'telefono-movil', holder: { agency: { code: 'PN-TRATA' }, user: { username: 'investigador.demo' } }, custodyLength: 1, chain: { ok: true } });
    expect(made.body.data.custody).toHaveLength(1);
    expect(made.body.data.custody[0]).toMatchObject({ sequence: 1, purpose: 'incautacion', from: { agency: null, user: null }, to: { agency: 'PN-TRATA' }, prevHash: '0'.repeat(64) });
    expect((await fiscal.request('POST', base(), { body: item({ description: 'Libreta de contabilidad (DEMO).', evidenceType: 'registro-financiero' }) })).body.data.number).toBe(2);

    const bad = await investigator.request('POST', base(), { body: item({ evidenceType: 'nave-espacial', seizedAt: '2999-01-01T00:00:00Z', seizedBy: { agency: 'NO-EXISTE', user: null }, description: '', colour: 'rojo' }), lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['colour', 'description', 'evidenceType', 'seizedAt', 'seizedBy.agency']);
    expect(bad.body.error.message).toContain('must be one of');
    const spanish = await investigator.request('POST', base(), { body: { nope: true } });
    expect(spanish.status).toBe(400);
    expect(spanish.body.error.message).toContain('Envíe');
    const badUser = await investigator.request('POST', base(), { body: item({ seizedBy: { agency: 'PN', user: 'zzzzzzzzzzzzzzzzzzzzzzzz' } }) });
    expect(badUser.status).toBe(400);
    expect(badUser.body.error.details.errors[0].path).toEqual(['seizedBy', 'user']);

    const list = await investigator.get(`${base()}?page=1&pageSize=1`);
    expect(list.status).toBe(200);
    expect(list.body.meta).toMatchObject({ canRecord: true, pagination: { page: 1, pageSize: 1, total: 2, pageCount: 2 } });
    expect(list.body.meta.options.evidenceTypes[0]).toEqual({ code: 'documento', labelEs: 'Documento en papel', labelEn: 'Paper document' });
    expect(list.body.meta.options.purposes.map((p: { code: string }) => p.code)).not.toContain('incautacion');
    expect(list.body.meta.options.team.map((u: { username: string }) => u.username).sort()).toEqual(['fiscal.demo1', 'investigador.demo']);
    expect(list.body.meta.options.agencies.map((a: { code: string }) => a.code)).toContain('INACIF');
    expect((await investigator.get(`${base()}?pageSize=1000`, 'en')).status).toBe(400);
    expect((await investigator.get(`${base()}/abc`)).status).toBe(400);
    expect((await investigator.get(`${base()}/99`)).status).toBe(404);
  });

  it('keeps an uploaded file privately and gives back the same bytes, with their hash, as an attachment', async () => {
    const sent = await upload(investigator, 1, PDF, 'Acta de extracción.pdf');
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ name: 'Acta de extracción.pdf', mimeType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) });
    const stored = fs.readdirSync(path.join(privateDir, 'evidence'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(fs.statSync(path.join(privateDir, 'evidence', stored[0])).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(privateDir, 'evidence')).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(path.join(target.dir, 'public', 'uploads', stored[0]))).toBe(false);

    const got = await download(fiscal, `${base()}/1/files/${sent.body.data.documentId}`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(sha256(got.bytes)).toBe(sent.body.data.sha256);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="Acta de extracci_n.pdf"; filename\*=UTF-8''Acta%20de%20extracci%C3%B3n.pdf$/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect((await investigator.get(`${base()}/1`)).body.data.files).toEqual([expect.objectContaining({ sha256: sha256(PDF) })]);
    const audited = await queryRows<{ action: string }>(target, `select action from audit_entries where target_type = 'evidence-item' and action in ('evidence.upload', 'evidence.download')`);
    expect(audited.map((r) => r.action).sort()).toEqual(['evidence.download', 'evidence.upload']);
  });

  it('refuses every listed upload attack, in the caller’s language, and leaves nothing behind', async () => {
    const refused = async (bytes: Buffer, name: string, status: number, words: string, lang = 'en') => {
      const res = await upload(investigator, 1, bytes, name, lang);
      expect(res.status, name).toBe(status);
      expect(res.body.error.message, name).toContain(words);
      expect(res.body.error.details.errors[0].path).toEqual(['file']);
    };
    await refused(Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000 this program', 'latin1'), 'informe.pdf', 400, 'Unsupported format');
    await refused(JPEG, 'informe.pdf', 400, 'extension does not match');
    await refused(Buffer.concat([PDF, Buffer.alloc(maxBytes, 0x20)]), 'grande.pdf', 413, 'larger than the maximum');
    await refused(Buffer.concat([PDF, Buffer.alloc(maxBytes, 0x20)]), 'grande.pdf', 413, 'supera el tamaño máximo', 'es-DO');
    await refused(PDF, '../../../cms/public/acta.pdf', 400, 'may not contain paths');
    await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'), 'plano.svg', 400, 'SVG images are not accepted');
    await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'plano.txt', 400, 'SVG images are not accepted');
    await refused(Buffer.concat([PDF, ZIP_TAIL]), 'acta.pdf', 400, 'ZIP archive');
    await refused(Buffer.concat([JPEG, Buffer.from('<script>fetch("/api/cases")</script>')]), 'foto.jpg', 400, 'HTML, script');
    await refused(Buffer.concat([JPEG, Buffer.from('trailing payload')]), 'foto.jpg', 400, 'appended after the end');
    await refused(PDF, 'acta\u202Efdp.exe', 400, 'invisible formatting');
    const broken = await fetch(`${target.baseUrl}${base()}/1/files`, { method: 'POST', headers: { authorization: `Bearer ${investigator.token}`, 'accept-language': 'en', 'content-type': 'multipart/form-data' }, body: 'no boundary here' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.message).toContain('multipart/form-data body could not be read');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)]), 'acta.pdf');
    expect((await fetch(`${target.baseUrl}${base()}/1/files`, { method: 'POST', body: form })).status).toBe(401);
    expect((await fetch(`${target.baseUrl}${base()}/1/files`, { method: 'POST', headers: { authorization: 'Bearer not-a-token' }, body: form })).status).toBe(401);
    expect(fs.readdirSync(path.join(privateDir, 'evidence'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(privateDir, 'incoming'))).toEqual([]);
  });

  it('chains hand-offs from the current holder, refuses bad ones, and keeps the chain append-only', async () => {
    const first = await investigator.request('POST', `${base()}/1/custody`, { body: { data: { to: { agency: 'INACIF', user: null }, purpose: 'examen-pericial', condition: 'sellado-intacto', note: 'Extracción forense del contenido.' } } });
    expect(first.status).toBe(201);
    const second = await fiscal.request('POST', `${base()}/1/custody`, { body: { data: { to: { agency: 'PN-TRATA', user: investigatorDocumentId }, purpose: 'devolucion-pericial', condition: 'reprecintado', sealNumber: 'INACIF-77' } } });
    expect(second.status).toBe(201);
    const custody = second.body.data.custody;
    expect(custody.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2, 3]);
    expect(custody[1]).toMatchObject({ from: { agency: 'PN-TRATA', user: { username: 'investigador.demo' } }, to: { agency: 'INACIF', user: null }, purpose: 'examen-pericial', prevHash: custody[0].hash });
    expect(custody[2]).toMatchObject({ from: { agency: 'INACIF', user: null }, to: { agency: 'PN-TRATA' }, sealNumber: 'INACIF-77', prevHash: custody[1].hash });
    expect(second.body.data).toMatchObject({ sealNumber: 'INACIF-77', custodyLength: 3, chain: { ok: true } });

    const same = await fiscal.request('POST', `${base()}/1/custody`, { body: { data: { to: { agency: 'PN-TRATA', user: investigatorDocumentId }, purpose: 'traslado', condition: 'sellado-intacto' } }, lang: 'en' });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('already held');
    const seizure = await fiscal.request('POST', `${base()}/1/custody`, { body: { data: { to: { agency: 'INACIF', user: null }, purpose: 'incautacion', condition: 'sellado-intacto' } } });
    expect(seizure.status).toBe(400);
    expect(seizure.body.error.details.errors[0].path).toEqual(['purpose']);
    const earlier = await fiscal.request('POST', `${base()}/1/custody`, { body: { data: { to: { agency: 'INACIF', user: null }, purpose: 'traslado', condition: 'sellado-intacto', at: '2026-03-01T10:00:00-04:00' } } });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.details.errors[0].path).toEqual(['at']);

    await expect(executeSql(target, `UPDATE evidence_custody_events SET to_agency = 'PN' WHERE sequence = 2`)).rejects.toThrow(/append-only/);
    await expect(executeSql(target, `DELETE FROM evidence_files`)).rejects.toThrow(/append-only/);
  });

  it('lets only those who may see the case reach its evidence, and only its handlers record', async () => {
    const fileId = (await fiscal.get(`${base()}/1`)).body.data.files[0].documentId;
    for (const route of [base(), `${base()}/1`, `${base()}/1/custody.pdf`, `${base()}/1/files/${fileId}`]) {
      expect((await outsider.get(route)).status, route).toBe(404);
    }
    expect((await outsider.request('POST', base(), { body: item() })).status).toBe(404);
    expect((await upload(outsider, 1, PDF, 'x.pdf')).status).toBe(404);
    const chief = await anonymous.as('titular.demo');
    expect((await chief.get(`${base()}/1`)).status).toBe(200);
    const analyst = await anonymous.as('analista.demo');
    expect((await analyst.get(base())).status).toBe(404);
    expect((await auditor.get(base())).status).toBe(403);
    expect((await anonymous.get(base())).status).toBe(401);
    // The admin panel reaches no evidence, even where the content manager would answer.
    const headers = await anonymous.adminHeaders();
    for (const uid of ['plugin::evidence.evidence-item', 'plugin::evidence.custody-event', 'plugin::evidence.evidence-file']) {
      const res = await anonymous.request('GET', `/content-manager/collection-types/${uid}`, { headers });
      expect(res.status === 200 ? res.body.results : [], uid).toEqual([]);
    }
  });

  it('prints the chain-of-custody form in Spanish with every hand-off and hash, recorded on the trail', async () => {
    const res = await download(fiscal, `${base()}/1/custody.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="cadena-custodia-${caseNumber}-1.pdf"`);
    const text = pdfText(res.bytes);
    const detail = (await fiscal.get(`${base()}/1`)).body.data;
    for (const words of ['Formulario de cadena de custodia', `Indicio Nº 1`, 'Teléfono móvil', 'Entrega 1', 'Entrega 2', 'Entrega 3', 'Incautación', 'Examen pericial', 'Devolución tras el examen pericial', 'INACIF', 'investigador.demo', 'INACIF-77', detail.custody[2].hash, sha256(PDF), 'no hay registros modificados']) {
      expect(text, words).toContain(words);
    }
    const audited = await queryRows<{ n: number | string }>(target, `select count(*) as n from audit_entries where action = 'evidence.form' and target_id = '${detail.documentId}'`);
    expect(Number(audited[0].n)).toBe(1);
  });

  it('catches tampering a DBA could do, in SQL and on disk, by case and item number (API and npm script)', async () => {
    const clean = await auditor.request('POST', '/api/evidence/verify');
    expect(clean.status).toBe(200);
    expect(clean.body.data).toMatchObject({ ok: true, problems: [] });
    expect(clean.body.data.events).toBeGreaterThanOrEqual(4);
    expect((await fiscal.request('POST', '/api/evidence/verify')).status).toBe(403);

    // Item 2 gets two more hand-offs, and loses the middle one; item 1's second hand-off is edited;
    // item 3 loses its last hand-off together with the head its row recorded.
    for (const to of ['INACIF', 'PN']) expect((await fiscal.request('POST', `${base()}/2/custody`, { body: { data: { to: { agency: to, user: null }, purpose: 'traslado', condition: 'sellado-intacto' } } })).status).toBe(201);
    expect((await fiscal.request('POST', base(), { body: item({ description: 'Memoria USB (DEMO).', evidenceType: 'medio-almacenamiento' }) })).body.data.number).toBe(3);
    const third = (await fiscal.request('POST', `${base()}/3/custody`, { body: { data: { to: { agency: 'INACIF', user: null }, purpose: 'examen-pericial', condition: 'sellado-intacto' } } })).body.data;
    const [one, two] = await Promise.all([1, 2].map(async (n) => (await fiscal.get(`${base()}/${n}`)).body.data.documentId as string));
    const cut = `DELETE FROM evidence_custody_events WHERE item_document_id = '${third.documentId}' AND sequence = 2;
         UPDATE evidence_items SET custody_length = 1, custody_head = '${third.custody[0].hash}' WHERE document_id = '${third.documentId}';`;
    const guards = appendOnlyStatements(target.databaseUrl ? 'postgres' : 'sqlite').filter((s) => s.name.startsWith('evidence_custody_events_') && !s.name.endsWith('_uq'));
    const tamper = target.databaseUrl
      ? `ALTER TABLE evidence_custody_events DISABLE TRIGGER USER;
         UPDATE evidence_custody_events SET to_agency = 'PN' WHERE item_document_id = '${one}' AND sequence = 2;
         DELETE FROM evidence_custody_events WHERE item_document_id = '${two}' AND sequence = 2;
         ${cut}
         ALTER TABLE evidence_custody_events ENABLE TRIGGER USER;`
      : `${guards.map((g) => `DROP TRIGGER ${g.name};`).join('\n')}
         UPDATE evidence_custody_events SET to_agency = 'PN' WHERE item_document_id = '${one}' AND sequence = 2;
         DELETE FROM evidence_custody_events WHERE item_document_id = '${two}' AND sequence = 2;
         ${cut}
         ${guards.map((g) => `${g.sql};`).join('\n')}`;
    await executeSql(target, tamper);
    const [stored] = fs.readdirSync(path.join(privateDir, 'evidence'));
    fs.appendFileSync(path.join(privateDir, 'evidence', stored), ' ');

    const report = (await auditor.request('POST', '/api/evidence/verify', { lang: 'en' })).body.data;
    expect(report.ok).toBe(false);
    const found = report.problems.map((p: { item: number; kind: string; sequence?: number }) => `${p.item}:${p.kind}:${p.sequence ?? '-'}`).sort();
    expect(found).toEqual(['1:custody-edited:2', '1:file-altered:-', '2:custody-removed:2', '3:custody-truncated:2']);
    expect(report.problems.every((p: { caseNumber: string }) => p.caseNumber === caseNumber)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('Teléfono');
    expect((await fiscal.get(`${base()}/1`)).body.data.chain.ok).toBe(false);

    const script = await runScript<{ ok: boolean; problems: unknown[] }>('evidence-verify', target.env, ['--json']);
    expect(script.status, script.output.slice(-2000)).toBe(1);
    expect(script.json).toMatchObject({ ok: false });
    expect(script.json!.problems).toHaveLength(4);
  });
});

// The identity vault over HTTP, on SQLite and PostgreSQL: identity never in clear in the database
// or its dump, never in a list, a populate or the log; opened only by the roles the policy names,
// with a reason, on the record; duplicate warnings and search through blind indexes; a moved
// ciphertext fails; a wrong or missing key stops the server; rotation and retirement.
import { DEMO_FAMILY_NAMES } from '../../cms/src/seed/demo-identities.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient, qs } from '../support/api-client.ts';
import { executeSql, queryRows, userIds } from '../support/db-facts.ts';
import { freePort } from '../support/server-harness.ts';
import { startServer } from '../../scripts/lib/server.ts';
import { generateKeyRing, saveKeyRing } from '../../plugins/vault/server/src/crypto/keyring.ts';

const targets = inject('apiTargets');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** An identity whose every string is unique to this run, so a dump can be searched for it. */
function secretIdentity() {
  const tag = unique();
  return {
    givenNames: `Zoraida Q${tag}`,
    familyNames: `Vaultprueba${tag} (ficticia)`,
    aliases: [`Lamarca${tag}`],
    documents: [{ kind: 'cedula', number: `000-${tag.replace(/\D/g, '7').padEnd(7, '7').slice(0, 7)}-${tag.length % 10}`, country: 'do' }],
    dateOfBirth: '1994-07-19',
    phones: [`809-555-${tag.replace(/\D/g, '3').slice(0, 4)}`],
    email: `zoraida.${tag.toLowerCase()}@ejemplo.invalid`,
    addresses: [`Calle Secreta${tag} 12, Ficticia`],
    nextOfKin: [{ name: `Pariente${tag} (ficticio)`, relationship: 'hermano', phone: '' }],
  };
}
const secretsOf = (identity: ReturnType<typeof secretIdentity>) => [identity.givenNames, identity.familyNames, identity.aliases[0], identity.documents[0].number, identity.email, identity.addresses[0], identity.nextOfKin[0].name, identity.documents[0].number.replace(/-/g, '')];

const REASON = 'Preparar la entrevista de la víctima con la psicóloga del centro.';

describe.each(targets.map((t) => [t.name, t] as const))('identity vault on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let chief: ApiClient;
  let investigator: ApiClient;
  let officer: ApiClient;
  let analyst: ApiClient;
  let caseId: string;
  let otherCaseId: string;
  const identity = secretIdentity();
  let code: string;

  const addVictim = (client: ApiClient, onCase: string, data: Record<string, unknown>) => client.request('POST', `/api/cases/${onCase}/parties`, { body: { data } });

  beforeAll(async () => {
    [fiscal1, fiscal2, chief, investigator, officer, analyst] = await Promise.all(['fiscal.demo1', 'fiscal.demo2', 'titular.demo', 'investigador.demo', 'victimas.demo', 'analista.demo'].map((u) => anonymous.as(u)));
    caseId = (await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del almacén (DEMO)') })).body.data.documentId;
    otherCaseId = (await fiscal2.request('POST', '/api/cases', { body: newCaseBody('Otro equipo, prueba del almacén (DEMO)') })).body.data.documentId;
    const ids = await userIds(target);
    for (const [username, teamRole] of [['investigador.demo', 'investigator'], ['victimas.demo', 'victim-officer'], ['analista.demo', 'analyst']] as const) {
      const added = await fiscal1.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get(username)!.id, teamRole } } });
      expect(added.status).toBe(201);
    }
    const created = await addVictim(fiscal1, caseId, { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: 1994 }, identity });
    expect(created.status).toBe(201);
    code = created.body.data.person.code;
    expect(code).toMatch(/^V-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
  });

  it('keeps identity out of the person page, case populates and lists', async () => {
    const page = await fiscal1.get(`/api/people/by-code/${code}`);
    expect(page.status).toBe(200);
    expect(page.body.data).toMatchObject({ code, identity: { recorded: true, canReveal: true } });
    expect(page.body.data.victimProfile).toMatchObject({ isMinor: false, sex: 'f' });
    const detail = await fiscal1.get(`/api/cases/${caseId}?${qs({ 'populate[parties][populate][person]': 'true' })}`);
    const people = await fiscal1.get(`/api/people?${qs({ 'pagination[pageSize]': 100, 'filters[code][$eq]': code })}`);
    expect(people.body.data).toHaveLength(1);
    for (const body of [page.body, detail.body, people.body]) {
      const text = JSON.stringify(body);
      for (const secret of secretsOf(identity)) expect(text).not.toContain(secret);
    }
  });

  it('opens the identity for a team prosecutor and victim officer, with a reason, and records each opening', async () => {
    const short = await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: 'ver' }, lang: 'en' });
    expect(short.status).toBe(400);
    expect(short.body.error.details.errors[0].path).toEqual(['reason']);
    expect(short.body.error.message).toMatch(/State why/);
    const before = Number((await queryRows<{ n: number }>(target, "select count(*) as n from pett_security_events where kind = 'identity-reveal'"))[0].n);
    const opened = await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } });
    expect(opened.status).toBe(200);
    expect(opened.body.data.identity).toEqual(identity);
    expect(opened.body.data.closesInSeconds).toBeGreaterThan(0);
    expect((await officer.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(200);
    const after = Number((await queryRows<{ n: number }>(target, "select count(*) as n from pett_security_events where kind = 'identity-reveal'"))[0].n);
    expect(after).toBe(before + 2);
    const log = await fiscal1.get(`/api/people/by-code/${code}/reveals`);
    expect(log.status).toBe(200);
    expect(log.body.data.slice(0, 2).map((r: { username: string }) => r.username).sort()).toEqual(['fiscal.demo1', 'victimas.demo']);
    expect(log.body.data[0].reason).toBe(REASON);
    // The reason is sealed too: the table holds no clear text of it.
    const rows = await queryRows<{ reason: string }>(target, 'select reason from vault_reveals');
    expect(rows.every((r) => r.reason.startsWith('pv1:') && !r.reason.includes('entrevista'))).toBe(true);
  });

  it('refuses the identity to the investigator and analyst on the team (403), and to other teams and the chief (404)', async () => {
    for (const client of [investigator, analyst]) {
      const res = await client.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } });
      expect([403, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(identity.givenNames);
    }
    expect((await investigator.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(403);
    expect((await investigator.get(`/api/people/by-code/${code}`)).body.data.identity).toMatchObject({ canReveal: false });
    expect((await fiscal2.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(404);
    expect((await fiscal2.get(`/api/people/by-code/${code}`)).status).toBe(404);
    expect((await chief.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(404);
    expect((await anonymous.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(401);
    for (const username of ['estadistica.demo', 'auditor.demo', 'enlace.demo']) {
      const client = await anonymous.as(username);
      expect((await client.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(403);
    }
  });

  it('lets the chief open it through emergency access only', async () => {
    const glass = await chief.request('POST', '/api/access/break-glass', { body: { case: caseId, reason: 'Revisión urgente de la protección de la víctima del caso.' } });
    expect(glass.status).toBe(201);
    const opened = await chief.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } });
    expect(opened.status).toBe(200);
    expect(opened.body.data.identity.familyNames).toBe(identity.familyNames);
  });

  it('warns of a duplicate by document number or by name and year of birth, only to those who may see both', async () => {
    const sameDocument = { ...secretIdentity(), documents: [{ kind: 'cedula', number: ` ${identity.documents[0].number.replace(/-/g, ' ')} `, country: 'do' }] };
    const warned = await addVictim(fiscal1, caseId, { role: 'witness', person: { sex: 'f' }, identity: sameDocument });
    expect(warned.status).toBe(409);
    expect(warned.body.error.details.matches).toEqual([{ code, reasons: ['document'] }]);
    expect(JSON.stringify(warned.body)).not.toContain(identity.givenNames);
    const sameName = { ...secretIdentity(), givenNames: identity.givenNames.toUpperCase(), familyNames: ` vaultprueba${identity.familyNames.slice(11)}`.normalize('NFD'), dateOfBirth: '1994-01-02' };
    const byName = await addVictim(fiscal1, caseId, { role: 'witness', person: {}, identity: sameName });
    expect(byName.status).toBe(409);
    expect(byName.body.error.details.matches[0].reasons).toContain('name-year');
    // Another year of birth is not a match.
    expect((await addVictim(fiscal1, caseId, { role: 'witness', person: {}, identity: { ...sameName, dateOfBirth: '1980-01-02' } })).status).toBe(201);
    // Another team cannot see the first person: no warning, no code.
    const elsewhere = await addVictim(fiscal2, otherCaseId, { role: 'victim-adult', person: {}, identity: sameDocument });
    expect(elsewhere.status).toBe(201);
    expect(JSON.stringify(elsewhere.body)).not.toContain(code);
    // Confirming it is someone else goes ahead; choosing the existing person links them.
    expect((await addVictim(fiscal1, caseId, { role: 'witness', person: {}, identity: sameDocument, acknowledgeDuplicates: true })).status).toBe(201);
    const linked = await addVictim(fiscal1, caseId, { role: 'complainant', existingPerson: code });
    expect(linked.status).toBe(201);
    expect(linked.body.data.person.code).toBe(code);
  });

  it('finds a person by document number or name through the blind index, and a near miss finds nothing', async () => {
    const number = identity.documents[0].number;
    const exact = await fiscal1.request('POST', '/api/people/search', { body: { documentNumber: number.replace(/-/g, '').toLowerCase() } });
    expect(exact.status).toBe(200);
    expect(exact.body.data.map((p: { code: string }) => p.code)).toContain(code);
    const near = await fiscal1.request('POST', '/api/people/search', { body: { documentNumber: `${number.slice(0, -1)}${number.endsWith('1') ? '2' : '1'}` } });
    expect(near.body.data).toEqual([]);
    const byName = await fiscal1.request('POST', '/api/people/search', { body: { name: `  ${identity.givenNames.toLowerCase()}   ${identity.familyNames}`, birthYear: 1994 } });
    expect(byName.body.data.map((p: { code: string }) => p.code)).toContain(code);
    expect((await fiscal1.request('POST', '/api/people/search', { body: { name: `${identity.givenNames} ${identity.familyNames}`, birthYear: 1995 } })).body.data).toEqual([]);
    expect((await fiscal1.request('POST', '/api/people/search', { body: { name: identity.givenNames } })).body.data).toEqual([]);
    // Someone who may not see the person learns nothing from the search.
    expect((await fiscal2.request('POST', '/api/people/search', { body: { documentNumber: number } })).body.data.map((p: { code: string }) => p.code)).not.toContain(code);
    const empty = await fiscal1.request('POST', '/api/people/search', { body: {}, lang: 'en' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/document number/);
  });

  it('validates intake and identity input with messages that name the field', async () => {
    const bad = await addVictim(fiscal1, caseId, { role: 'victim-adult', person: { birthYear: 1800, eyeColour: 'x' }, identity: { givenNames: 'Ana', documents: [{ kind: 'carnet', number: '1', country: 'zz' }], dateOfBirth: '31/12/1990' } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['person.birthYear', 'person.eyeColour']));
    const badIdentity = await addVictim(fiscal1, caseId, { role: 'victim-adult', person: {}, identity: { givenNames: 'Ana', documents: [{ kind: 'carnet', number: '1', country: 'zz' }], dateOfBirth: '31/12/1990' } });
    expect(badIdentity.status).toBe(400);
    expect(badIdentity.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(['identity.documents.0.kind', 'identity.documents.0.country', 'identity.dateOfBirth']));
    // The case page learns who may add people, so the portal shows the action only to them.
    const may = async (client: ApiClient) => (await client.get(`/api/access/cases/${caseId}/emergency-access`)).body.data.canAddPeople;
    expect([await may(fiscal1), await may(officer), await may(investigator), await may(analyst)]).toEqual([true, true, false, false]);
    expect((await investigator.get('/api/access/me')).body.data.can.searchPeople).toBe(true);
    expect((await analyst.get('/api/access/me')).body.data.can.searchPeople).toBe(false);
    expect((await analyst.request('POST', '/api/people/search', { body: { documentNumber: 'X1' } })).status).toBe(403);
    expect((await addVictim(officer, caseId, { role: 'suspect', person: {} })).status).toBe(400);
    expect((await addVictim(investigator, caseId, { role: 'victim-adult', person: {} })).status).toBe(403);
    expect((await addVictim(fiscal2, caseId, { role: 'victim-adult', person: {} })).status).toBe(404);
    const put = await fiscal1.request('PUT', `/api/people/by-code/${code}/identity`, { body: { identity: { email: 'no-es-un-correo' } } });
    expect(put.status).toBe(400);
  });

  it('corrects an identity, re-indexing it', async () => {
    const corrected = { ...identity, phones: ['809-555-0000'], aliases: [] };
    const put = await fiscal1.request('PUT', `/api/people/by-code/${code}/identity`, { body: { identity: corrected } });
    expect(put.status).toBe(200);
    expect((await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).body.data.identity.phones).toEqual(['809-555-0000']);
    expect((await fiscal1.request('POST', '/api/people/search', { body: { name: identity.aliases[0] } })).body.data).toEqual([]);
    await fiscal1.request('PUT', `/api/people/by-code/${code}/identity`, { body: { identity } });
  });

  it('seals photos and identity documents before they reach the disk, and opens them with a reason', async () => {
    const marker = `SECRETPHOTO${unique()}`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(marker), randomBytes(64)]);
    const fileName = `cedula-${identity.familyNames}.png`;
    const upload = { kind: 'identity-document', fileName, mimeType: 'image/png', contentBase64: png.toString('base64') };
    const stored = await fiscal1.request('POST', `/api/people/by-code/${code}/files`, { body: upload });
    expect(stored.status).toBe(201);
    expect(stored.body.data).toMatchObject({ kind: 'identity-document', mimeType: 'image/png', size: png.length });
    expect(JSON.stringify(stored.body)).not.toContain(identity.familyNames);
    const listed = await officer.get(`/api/people/by-code/${code}/files`);
    expect(listed.body.data.map((f: { id: string }) => f.id)).toContain(stored.body.data.id);
    expect(JSON.stringify(listed.body)).not.toContain(identity.familyNames);
    // On disk: only sealed bytes, none of which is the marker.
    const dir = path.join(target.dir, 'vault-files');
    const onDisk = fs.readdirSync(dir);
    expect(onDisk.length).toBeGreaterThan(0);
    for (const name of onDisk) expect(fs.readFileSync(path.join(dir, name)).includes(Buffer.from(marker))).toBe(false);
    const opened = await officer.request('POST', `/api/people/by-code/${code}/files/${stored.body.data.id}/open`, { body: { reason: REASON } });
    expect(opened.status).toBe(200);
    expect(opened.body.data.fileName).toBe(fileName);
    expect(opened.body.data.closesInSeconds).toBeGreaterThan(0);
    expect(Buffer.from(opened.body.data.contentBase64, 'base64').equals(png)).toBe(true);
    expect((await officer.request('POST', `/api/people/by-code/${code}/files/${stored.body.data.id}/open`, { body: {} })).status).toBe(400);
    expect((await investigator.request('POST', `/api/people/by-code/${code}/files/${stored.body.data.id}/open`, { body: { reason: REASON } })).status).toBe(403);
    expect((await investigator.request('POST', `/api/people/by-code/${code}/files`, { body: upload })).status).toBe(403);
    expect((await fiscal1.request('POST', `/api/people/by-code/${code}/files/nosuchfile/open`, { body: { reason: REASON } })).status).toBe(404);
    const disguised = await fiscal1.request('POST', `/api/people/by-code/${code}/files`, { body: { ...upload, mimeType: 'image/jpeg' }, lang: 'en' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.message).toMatch(/does not match its format/);
  });

  it('keeps every identity sealed: no known identity string in the database file or dump, nor in the log', async () => {
    const demo = await queryRows<{ given_names: string | null; family_names: string | null; key_version: number }>(target, 'select given_names, family_names, key_version from vault_identities');
    expect(demo.length).toBeGreaterThan(50);
    expect(demo.every((r) => (r.family_names ?? 'pv1:').startsWith('pv1:'))).toBe(true);
    let dump: Buffer;
    if (target.databaseUrl) {
      const result = spawnSync('pg_dump', ['--no-owner', target.databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
      expect(result.status).toBe(0);
      dump = result.stdout;
    } else {
      const file = target.databaseFile!;
      dump = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    }
    const text = dump.toString('latin1');
    expect(text).toContain(code); // the dump is real: the pseudonym is there
    // The test's own person, and the synthetic names every demo identity is built from. Other
    // records may say "(ficticio)" in plain text (a shelter's name in a test); a demo family name may not.
    for (const secret of [...secretsOf(identity), 'ejemplo.invalid', 'Calle Ficticia']) {
      expect(text.includes(secret), secret).toBe(false);
      expect(dump.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    const family = DEMO_FAMILY_NAMES.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const demoName = new RegExp(`(?:${family}) (?:${family}) \\((?:ficticia|ficticio)\\)`);
    expect(dump.toString('utf8').match(demoName)?.[0] ?? null).toBeNull();
    const log = fs.readFileSync(path.join(target.dir, 'server.log'), 'utf8');
    for (const secret of secretsOf(identity)) expect(log).not.toContain(secret);
  });

  it('refuses a sealed value moved to another person', async () => {
    const other = (await addVictim(fiscal1, caseId, { role: 'victim-adult', person: {}, identity: { givenNames: `Otra${unique()} (ficticia)` } })).body.data.person;
    const table = 'vault_identities';
    const original = (await queryRows<{ given_names: string }>(target, `select given_names from ${table} where person_document_id = '${other.documentId}'`))[0].given_names;
    const source = (await fiscal1.get(`/api/people/by-code/${code}`)).body.data.documentId;
    await executeSql(target, `update ${table} set given_names = (select given_names from ${table} where person_document_id = '${source}') where person_document_id = '${other.documentId}'`);
    const res = await fiscal1.request('POST', `/api/people/by-code/${other.code}/reveal`, { body: { reason: REASON } });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(res.body)).not.toContain(identity.givenNames);
    // Put back, the value opens again: the failure was the move, not the row.
    await executeSql(target, `update ${table} set given_names = '${original}' where person_document_id = '${other.documentId}'`);
    expect((await fiscal1.request('POST', `/api/people/by-code/${other.code}/reveal`, { body: { reason: REASON } })).status).toBe(200);
  });

  it('stops a server started with a wrong or missing key ring, with a message that says so', async () => {
    const wrong = path.join(target.dir, 'wrong-keyring.json');
    saveKeyRing(wrong, generateKeyRing());
    for (const [file, message] of [[wrong, /not the key this database was encrypted with|not the one this database was indexed with/], [path.join(target.dir, 'absent.json'), /key ring file .* is missing/]] as const) {
      const port = await freePort();
      const child = startServer({ ...target.env, PORT: String(port), PETT_VAULT_KEYRING_FILE: file, PETT_DEMO: 'false' });
      let output = '';
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 120_000);
        child.once('exit', (c) => (clearTimeout(timer), resolve(c)));
      });
      expect(code, output.slice(-2000)).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toMatch(message);
    }
  }, 260_000);

  it('rotates every value to a new key version while the server runs, resumes, and retires the old key', async () => {
    const run = (...args: string[]) => new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'vault-rotate.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...target.env } });
      let output = '';
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
      child.once('exit', (status) => resolve({ status, output }));
    });
    const early = await run('--retire', '1');
    expect(early.status).not.toBe(0);
    expect(early.output).toMatch(/still protects/);
    // Stopped part-way (as an interruption would), the data holds two versions and still opens.
    const partial = await run('--limit', '5');
    expect(partial.status, partial.output).toBe(0);
    expect(partial.output).toMatch(/run again|again to continue/i);
    expect((await queryRows<{ v: number }>(target, 'select distinct key_version as v from vault_identities order by 1')).map((r) => Number(r.v))).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(200);
    const rotated = await run();
    expect(rotated.status, rotated.output).toBe(0);
    expect(rotated.output).toMatch(/resuming/);
    const versions = await queryRows<{ v: number }>(target, 'select distinct key_version as v from vault_identities');
    expect(versions.map((r) => Number(r.v))).toEqual([2]);
    const again = await run();
    expect(again.status, again.output).toBe(0);
    expect((await queryRows<{ v: number }>(target, 'select distinct key_version as v from vault_identities')).map((r) => Number(r.v))).toEqual([3]);
    expect((await run('--retire', '1')).status).toBe(0);
    expect((await run('--retire', '2')).status).toBe(0);
    const ring = JSON.parse(fs.readFileSync(target.env.PETT_VAULT_KEYRING_FILE, 'utf8')) as { current: number; keys: Record<string, string> };
    expect(ring.current).toBe(3);
    expect(Object.keys(ring.keys)).toEqual(['3']);
    // The running server reads the new ring and still opens identities, with only key 3.
    await new Promise((r) => setTimeout(r, 2500));
    const opened = await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } });
    expect(opened.status).toBe(200);
    expect(opened.body.data.identity.givenNames).toBe(identity.givenNames);
    const [file] = (await fiscal1.get(`/api/people/by-code/${code}/files`)).body.data;
    const reopened = await fiscal1.request('POST', `/api/people/by-code/${code}/files/${file.id}/open`, { body: { reason: REASON } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data.fileName).toContain(identity.familyNames);
    expect((await queryRows<{ v: number }>(target, 'select distinct key_version as v from vault_files')).map((r) => Number(r.v))).toEqual([3]);
    // Every sealed file on disk is the rotated copy: old copies were removed.
    expect(fs.readdirSync(path.join(target.dir, 'vault-files')).length).toBe(Number((await queryRows<{ n: number }>(target, 'select count(*) as n from vault_files'))[0].n));
  }, 300_000);
});

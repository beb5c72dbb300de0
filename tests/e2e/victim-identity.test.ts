// A demo prosecutor adds a victim with an identity to a case of theirs, opens the person page by its
// code, opens the identity with a reason, sees it, and sees it close by itself. Then, on the same
// page, records a protection measure that expires in 5 days and sees the warning, uploads a photo
// and opens it with a reason. Nothing of the identity or the file reaches the address, the tab
// title, web storage or the console.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const CODE = /[VTIJP]-[2-9A-HJKMNP-TV-Z]{5}/;

/** A date `days` from today in Santo Domingo (UTC−4): as the server writes it, and as a box shows it. */
function officeDay(days: number): { iso: string; shown: string } {
  const iso = new Date(Date.now() - 4 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

/** A real 1×1 PNG, built here, so the browser can decode and show it. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => (bytes.reduce((c, byte) => crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1×1, 8-bit RGB
  const pixels = zlib.deflateSync(Buffer.from([0, 0x1b, 0x3a, 0x6b])); // filter byte, one pixel
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

describe.skipIf(!target)('a prosecutor and the victim identity vault', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const consoleText: string[] = [];
  const errors: string[] = [];
  // Unique to this run and visibly fictional, so it can be searched for where it must not be.
  const run = Date.now().toString(36).toUpperCase();
  const identity = { givenNames: `Prueba${run}`, familyNames: 'Identidad E2E (ficticia)', passport: `FXE2E${run}` };
  const fileName = `foto-${run}-ficticia.png`;
  const secrets = [identity.givenNames, identity.familyNames, identity.passport, fileName];
  /** The person added by the first step, whose page the second goes on with. */
  let code = '';

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    page.on('console', (message) => consoleText.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    // A controllable clock from the start, so the panel's two minutes can pass at once.
    await page.clock.install();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('adds a victim with an identity, reveals it with a reason, and the panel closes by itself', async () => {
    const api = await new ApiClient(target!).as('fiscal.demo1');
    const teamCase = (await api.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'filters[isDemo][$eq]': 'true' })}`)).body.data[0];
    const { password, totpSecret } = new ApiClient(target!).credential('fiscal.demo1');

    await page.goto(`${target!.baseUrl}/casos/${teamCase.documentId}`);
    await page.getByLabel('Usuario o correo').fill('fiscal.demo1');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'fiscal.demo1', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(teamCase.caseNumber) }).waitFor();

    // "Añadir persona": a new adult victim with a name and a passport.
    await page.getByRole('button', { name: 'Añadir persona' }).click();
    const form = page.locator('.add-person');
    await form.getByRole('heading', { name: 'Añadir persona al caso' }).waitFor();
    await form.getByLabel('Rol en el caso').selectOption('victim-adult');
    await form.getByLabel('Sexo', { exact: true }).selectOption('f');
    await form.getByLabel('Nacionalidad', { exact: true }).selectOption('ht');
    await form.getByLabel('Año de nacimiento').fill('1995');
    await form.getByLabel('Registrar ahora la identidad').check();
    await form.getByLabel('Nombres', { exact: true }).fill(identity.givenNames);
    await form.getByLabel('Apellidos', { exact: true }).fill(identity.familyNames);
    await form.getByRole('button', { name: 'Añadir documento' }).click();
    await form.getByLabel('Tipo de documento').selectOption('passport');
    await form.getByLabel('Número', { exact: true }).fill(identity.passport);
    await form.getByLabel('País emisor').selectOption('ht');
    await form.getByRole('button', { name: 'Añadir persona' }).click();

    const added = page.getByText(/Se añadió la persona V-[2-9A-HJKMNP-TV-Z]{5} al caso\./);
    await added.waitFor();
    code = CODE.exec((await added.textContent()) ?? '')![0];

    // The person page, by code.
    await page.getByRole('link', { name: code, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    expect(page.url()).toBe(`${target!.baseUrl}/personas/${code}`);
    await page.getByRole('heading', { name: 'Perfil de víctima' }).waitFor();

    // "Ver identidad": a reason too short is refused, a good one opens the identity.
    await page.getByRole('button', { name: 'Ver identidad' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ver identidad' });
    await dialog.getByLabel('Motivo').fill('corto');
    await dialog.getByRole('button', { name: 'Ver identidad' }).click();
    await dialog.getByText('Escriba al menos 10 caracteres.').waitFor();
    await dialog.getByLabel('Motivo').fill('Preparar la entrevista de la víctima con el equipo de atención.');
    await dialog.getByRole('button', { name: 'Ver identidad' }).click();
    const panel = page.locator('.identity-panel');
    await panel.getByText(identity.givenNames).waitFor();
    await panel.getByText(identity.passport).waitFor();
    await panel.getByRole('timer').getByText(/Se cerrará en [12]:\d\d/).waitFor();

    for (const secret of secrets) {
      expect(page.url()).not.toContain(secret);
      expect(await page.title()).not.toContain(secret);
    }
    expect(await page.title()).toBe(`Persona ${code} · PETT`);
    const storage = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    for (const secret of secrets) expect(storage).not.toContain(secret);

    // "Quién vio la identidad" has this opening.
    await page.locator('.reveals').getByText('Preparar la entrevista de la víctima').waitFor();
    await page.locator('.reveals').getByText('fiscal.demo1').first().waitFor();

    // Two minutes later the panel is gone, and the identity with it.
    await page.clock.fastForward('02:05');
    await panel.waitFor({ state: 'detached' });
    const body = await page.locator('body').innerText();
    for (const secret of secrets) expect(body).not.toContain(secret);
    await page.getByRole('button', { name: 'Ver identidad' }).waitFor();

    for (const secret of secrets) expect(consoleText.join('\n')).not.toContain(secret);
    expect(errors).toEqual([]);
  });

  it('records a protection measure expiring in 5 days and sees the warning; uploads a photo, opens it with a reason, and it is gone once closed', async () => {
    expect(code).toMatch(CODE);
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();

    // "Medidas de protección" → "Editar": one measure, from 10 days ago to 5 days from now.
    const start = officeDay(-10);
    const expiry = officeDay(5);
    await page.getByRole('button', { name: 'Editar: Medidas de protección' }).click();
    await page.getByRole('button', { name: 'Añadir medida de protección' }).click();
    await page.getByLabel('Tipo de medida').selectOption('alejamiento');
    await page.getByLabel('Autoridad que la dictó').fill('Juzgado de la Instrucción (ficticio)');
    await page.getByLabel('Fecha de inicio').fill(start.shown);
    await page.getByLabel('Fecha de vencimiento').fill(expiry.shown);
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText(`La medida de protección «Orden de alejamiento del agresor» vence el ${expiry.shown}: quedan 5 días.`).waitFor();
    await page.locator('table[aria-labelledby="victim-protectionMeasures-heading"]').getByText('Por vencer').waitFor();
    await page.getByText('Cambios guardados.').waitFor();

    // "Subir archivo": a photo built here, read by the browser and sent in the body.
    await page.getByRole('button', { name: 'Subir archivo' }).click();
    await page.getByLabel('Tipo de archivo').selectOption('photo');
    await page.getByLabel('Archivo', { exact: true }).setInputFiles({ name: fileName, mimeType: 'image/png', buffer: tinyPng() });
    await page.getByRole('button', { name: 'Subir archivo' }).click();
    await page.locator('.files').getByText('Archivo subido.').waitFor();
    const list = page.locator('table[aria-labelledby="person-files-heading"]');
    await list.getByRole('cell', { name: 'Fotografía', exact: true }).waitFor();
    expect(await list.innerText()).not.toContain(fileName);

    // "Ver": a reason, then the photo in a panel, decoded and shown.
    await page.getByRole('button', { name: 'Ver archivo 1 (Fotografía)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ver archivo' });
    await dialog.getByLabel('Motivo').fill('Comprobar la fotografía antes de la audiencia.');
    await dialog.getByRole('button', { name: 'Ver archivo' }).click();
    const panel = page.locator('.file-panel');
    const image = panel.getByRole('img', { name: `Fotografía de ${code}` });
    await image.waitFor();
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1);
    await panel.getByText(fileName).waitFor();
    const objectUrl = (await image.getAttribute('src'))!;
    expect(objectUrl).toMatch(/^blob:/);
    expect(page.url()).toBe(`${target!.baseUrl}/personas/${code}`);
    expect(await page.title()).toBe(`Persona ${code} · PETT`);
    const storage = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    expect(storage).not.toContain(fileName);
    await page.locator('.reveals').getByText('Comprobar la fotografía antes de la audiencia.').waitFor();

    // "Cerrar": the panel, the name and the bytes behind the object URL are gone.
    await panel.getByRole('button', { name: 'Cerrar' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.locator('body').innerText()).not.toContain(fileName);
    const stillThere = await page.evaluate(async (url) => fetch(url).then(() => true, () => false), objectUrl);
    expect(stillThere).toBe(false);

    for (const secret of secrets) expect(consoleText.join('\n')).not.toContain(secret);
    expect(errors).toEqual([]);
  });
});

// A demo prosecutor adds a victim with an identity to a case of theirs, opens the person page by its
// code, opens the identity with a reason, sees it, and sees it close by itself. Nothing of the
// identity reaches the address, the tab title, web storage or the console.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const CODE = /[VTIJP]-[2-9A-HJKMNP-TV-Z]{5}/;

describe.skipIf(!target)('a prosecutor and the victim identity vault', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const consoleText: string[] = [];
  const errors: string[] = [];
  // Unique to this run and visibly fictional, so it can be searched for where it must not be.
  const run = Date.now().toString(36).toUpperCase();
  const identity = { givenNames: `Prueba${run}`, familyNames: 'Identidad E2E (ficticia)', passport: `FXE2E${run}` };
  const secrets = [identity.givenNames, identity.familyNames, identity.passport];

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
    const code = CODE.exec((await added.textContent()) ?? '')![0];

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
});

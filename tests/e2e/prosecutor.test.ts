// A demo prosecutor signs in, finds a case by number, opens it, and opens a new case.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { launch } from './browser.ts';
import { nextCode } from '../support/totp.ts';

const target = inject('e2eTarget');

describe.skipIf(!target)('a prosecutor in the portal', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    session = await launch();
    context = session.context;
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await session?.close();
  });

  async function signIn(username: string) {
    const { password, totpSecret } = new ApiClient(target!).credential(username);
    await page.getByLabel('Usuario o correo').fill(username);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, username, totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
  }

  it('signs in with the second factor and sees only the cases of their team', async () => {
    await page.goto(`${target!.baseUrl}/`);
    await signIn('fiscal.demo1');
    await page.getByRole('heading', { name: 'Mis casos' }).waitFor();
    const api = await new ApiClient(target!).as('fiscal.demo1');
    const total = (await api.get('/api/cases')).body.meta.pagination.total as number;
    await page.getByText(new RegExp(`^${total} casos?$`)).waitFor();
  });

  it('finds a case by its number and opens it', async () => {
    const api = await new ApiClient(target!).as('fiscal.demo1');
    const some = (await api.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'pagination[page]': 2 })}`)).body.data[0];
    await page.getByLabel('Buscar por número o título').fill(some.caseNumber);
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText(/^1 caso$/).waitFor();
    await page.getByRole('link', { name: some.caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(some.caseNumber) }).waitFor();
    await page.getByRole('heading', { name: 'Intervinientes' }).waitFor();
    await page.getByRole('heading', { name: 'Instituciones' }).waitFor();
    expect(await page.locator('body').innerText()).toMatch(/[VTIJ]-[2-9A-HJKMNP-TV-Z]{5}/);
  });

  it('keeps the session across a reload, through the refresh cookie', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByLabel('Usuario o correo').count()).toBe(0);
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/eyJ/);
  });

  it('opens a new case, and the form explains what is missing', async () => {
    await page.goto(`${target!.baseUrl}/casos`);
    await page.getByRole('heading', { name: 'Mis casos' }).waitFor();
    await page.getByRole('link', { name: 'Nuevo caso' }).or(page.getByRole('button', { name: 'Nuevo caso' })).first().click();
    await page.getByRole('heading', { name: 'Nuevo caso' }).waitFor();
    await page.getByRole('button', { name: 'Crear caso' }).click();
    await expect.poll(async () => page.locator('body').innerText()).toMatch(/obligatorio/i);

    await page.getByLabel('Título').fill('Explotación laboral en finca de prueba (E2E)');
    await page.getByLabel('Tipo de caso').selectOption('trata');
    await page.getByLabel('Origen').selectOption('denuncia');
    await page.getByLabel('Fecha de entrada').fill('14/03/2026');
    const province = page.getByLabel('Provincia');
    if ((await province.evaluate((el) => el.tagName)) === 'SELECT') await province.selectOption('santiago');
    else await province.fill('Santiago');
    await page.getByRole('button', { name: 'Crear caso' }).click();
    await page.getByRole('heading', { level: 1, name: /PETT-\d{4}-\d{5}/ }).waitFor();
    expect(page.url()).toMatch(/\/casos\/[a-z0-9]{24}$/);
    expect(errors).toEqual([]);
  });

  it('signs out, and the old session cannot be restored', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
    await page.getByLabel('Usuario o correo').waitFor();
    await page.goto(`${target!.baseUrl}/casos`);
    await page.getByLabel('Usuario o correo').waitFor();
  });
});

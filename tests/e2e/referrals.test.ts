// A prosecutor refers a victim to a shelter from the case page; the shelter's liaison opens it in
// their inbox, sees only the fields chosen for the purpose, and acknowledges it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');

async function signIn(page: Page, username: string): Promise<void> {
  const { password, totpSecret } = new ApiClient(target!).credential(username);
  await page.getByLabel('Usuario o correo').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, username, totpSecret));
  await page.getByRole('button', { name: 'Verificar' }).click();
}

describe.skipIf(!target)('referrals in the portal', () => {
  // Two browsers: the prosecutor's and the shelter liaison's.
  let session: Awaited<ReturnType<typeof launch>>;
  let liaisonSession: Awaited<ReturnType<typeof launch>>;
  const errors: string[] = [];

  beforeAll(async () => {
    session = await launch();
    liaisonSession = await launch();
  });
  afterAll(async () => {
    await session?.close();
    await liaisonSession?.close();
  });

  it('a prosecutor refers a victim to the shelter; its liaison sees only the chosen fields and acknowledges', async () => {
    const fiscal = await new ApiClient(target!).as('fiscal.demo1');
    const created = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de derivaciones en el portal (DEMO)') })).body.data;
    const party = await fiscal.request('POST', `/api/cases/${created.documentId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', nationality: 'ht', birthYear: 1999 } } } });
    const code = party.body.data.person.code as string;
    const today = new Date(Date.now() - 4 * 3600 * 1000).toISOString().slice(0, 10);
    expect((await fiscal.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { sex: 'f', ageAtIdentification: 26, nationality: 'ht', consents: [{ purpose: 'data-sharing', scope: 'Albergue (DEMO)', givenOn: today }] } } })).status).toBe(200);

    const page = await session.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${target!.baseUrl}/casos/${created.documentId}`);
    await signIn(page, 'fiscal.demo1');
    await page.getByRole('heading', { name: 'Derivaciones', exact: true }).waitFor();
    await page.getByText('Este caso no tiene derivaciones.').waitFor();
    await page.getByRole('button', { name: 'Nueva derivación' }).click();
    await page.getByLabel('Institución', { exact: true }).selectOption('REFUGIO');
    await page.getByLabel('Finalidad', { exact: true }).selectOption('albergue');
    await page.getByLabel('Víctima', { exact: true }).selectOption(code);
    await page.getByLabel('Necesidades (lo que se solicita a la institución)').fill('Alojamiento temporal (DEMO).');
    await page.getByRole('button', { name: 'Enviar derivación' }).click();
    await page.getByRole('heading', { name: /Albergue — / }).waitFor();
    await page.getByText('Consentimiento de la víctima', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Derivaciones' }).getByRole('cell', { name: code }).waitFor();

    // The shelter's liaison, in a browser of their own.
    const liaison = await liaisonSession.context.newPage();
    liaison.on('pageerror', (e) => errors.push(e.message));
    // "/" (Inicio): a liaison lands on the referral inbox, their Inicio.
    await liaison.goto(`${target!.baseUrl}/`);
    await signIn(liaison, 'enlace.demo');
    await liaison.getByRole('heading', { name: 'Derivaciones', level: 1 }).waitFor();
    await liaison.getByText('Lo que se ha derivado a su institución, con solo los datos necesarios.').waitFor();
    await liaison.getByRole('row', { name: /Albergue/ }).first().getByRole('link').click();
    await liaison.getByText('Datos compartidos con la institución', { exact: true }).waitFor();
    await liaison.getByText('Código seudónimo de la víctima', { exact: true }).waitFor();
    await liaison.getByText(code, { exact: true }).waitFor();
    await liaison.getByText('18-29', { exact: true }).waitFor();
    const text = await liaison.locator('main').innerText();
    expect(text).not.toContain(created.caseNumber);
    expect(text).not.toContain('Número de caso');
    await liaison.getByRole('button', { name: 'Acusar recibo' }).click();
    await liaison.getByRole('button', { name: 'Marcar en curso' }).waitFor();
    await liaison.locator('dd', { hasText: 'Recibida' }).first().waitFor();

    const listed = (await fiscal.get(`/api/cases/${created.documentId}/referrals`)).body.data;
    expect(listed.map((r: { status: string }) => r.status)).toEqual(['acknowledged']);
    expect(errors).toEqual([]);
  });
});

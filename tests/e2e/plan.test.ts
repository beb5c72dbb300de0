// A prosecutor opens a case's investigation plan from the case page, creates it from a training-
// manual template, adds a judicial authorisation, saves, and downloads the plan as a PDF.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');

describe.skipIf(!target)('the investigation plan in the portal', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is created from a template, edited, saved and downloaded', async () => {
    const api = await new ApiClient(target!).as('fiscal.demo1');
    const created = (await api.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del plan en el portal (DEMO)') })).body.data;
    const { password, totpSecret } = new ApiClient(target!).credential('fiscal.demo1');
    await page.goto(`${target!.baseUrl}/casos/${created.documentId}`);
    await page.getByLabel('Usuario o correo').fill('fiscal.demo1');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'fiscal.demo1', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(created.caseNumber) }).waitFor();

    await page.getByRole('link', { name: 'Abrir el plan de investigación' }).click();
    await page.getByRole('heading', { name: 'Crear el plan' }).waitFor();
    await page.getByLabel('Trata con fines de explotación sexual').check();
    await page.getByRole('button', { name: 'Crear el plan' }).click();
    await page.getByText('Versión 1', { exact: true }).waitFor();
    expect(await page.getByRole('group', { name: 'Hipótesis 1' }).getByLabel('Enunciado').inputValue()).toMatch(/estructura organizada/);

    await page.getByRole('button', { name: 'Añadir autorización judicial' }).click();
    const added = page.getByRole('group', { name: 'Autorización 3' });
    await added.getByLabel('Tipo').selectOption('interception');
    await added.getByLabel('Tribunal').fill('Juzgado de la Instrucción (ficticio)');
    await added.getByLabel('Solicitada el').fill('20/11/2026');
    await added.getByLabel('Concedida el').fill('22/11/2026');
    await added.getByLabel('Vence el').fill('22/01/2027');
    await page.getByRole('button', { name: 'Guardar el plan' }).click();
    await page.getByText('Versión 2', { exact: true }).waitFor();

    const saved = (await api.get(`/api/cases/${created.documentId}/plan`)).body.data;
    expect(saved.authorisations.at(-1)).toMatchObject({ kind: 'interception', grantedOn: '2026-11-22', expiresOn: '2027-01-22' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`plan-${created.caseNumber}.pdf`);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.locator('p.alert', { hasText: 'La descarga queda registrada en la bitácora.' }).waitFor();
    expect(errors).toEqual([]);
  });
});

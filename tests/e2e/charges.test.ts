// A prosecutor records a charge on the case page ("Cargos"), sees the law version the server
// derived from the date of the facts, then records the conviction and the sentence.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');

describe.skipIf(!target)('charges in the portal', () => {
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

  it('are added and changed in a dialog, with the law version in force on the date of the facts', async () => {
    const api = await new ApiClient(target!).as('fiscal.demo1');
    const body = newCaseBody('Caso de prueba de cargos en el portal (DEMO)');
    const created = (await api.request('POST', '/api/cases', { body: { data: { ...body.data, intakeDate: '2024-07-01', factsDate: '2024-06-01' } } })).body.data;
    const added = await api.request('POST', `/api/cases/${created.documentId}/parties`, { body: { data: { role: 'imputado', person: { sex: 'm', nationality: 'do', birthYear: 1980 } } } });
    expect(added.status).toBe(201);
    const { password, totpSecret } = new ApiClient(target!).credential('fiscal.demo1');
    await page.goto(`${target!.baseUrl}/casos/${created.documentId}`);
    await page.getByLabel('Usuario o correo').fill('fiscal.demo1');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'fiscal.demo1', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cargos' }).waitFor();
    await page.getByText('Todavía no hay cargos registrados en este caso.').waitFor();

    await page.getByRole('button', { name: 'Añadir cargo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Añadir cargo' });
    await dialog.getByLabel('Persona imputada').selectOption(added.body.data.party);
    await dialog.getByLabel('Delito').selectOption('trata-personas');
    await dialog.getByLabel('Cometido por un grupo delictivo organizado').check();
    await dialog.getByLabel('Estado').selectOption('charged');
    await dialog.getByLabel('Fecha de la imputación').fill('01/08/2024');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cargo registrado.').waitFor();
    const section = page.getByRole('region', { name: 'Cargos' });
    await section.getByText('Trata: Ley 137-03 (texto original)').waitFor();
    await section.getByText('Fechas de vigencia por confirmar').waitFor();
    await section.getByText('Pena prevista: 15 a 20 años').waitFor();

    await section.getByRole('button', { name: /^Editar/ }).click();
    const edit = page.getByRole('dialog', { name: 'Editar cargo' });
    await edit.getByLabel('Estado').selectOption('convicted');
    await edit.getByLabel('Fecha del fallo').fill('10/03/2025');
    await edit.getByLabel('Años').fill('15');
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cargo actualizado.').waitFor();
    await section.getByText('15 años').waitFor();

    const [charge] = (await api.get(`/api/cases/${created.documentId}/charges`)).body.data;
    expect(charge).toMatchObject({ offence: 'trata-personas', lawVersion: 'trata-ley-137-03', aggravating: ['organised-crime'], status: 'convicted', chargedAt: '2024-08-01', verdictAt: '2025-03-10', sentenceMonths: 180 });
    expect(errors).toEqual([]);
  });
});

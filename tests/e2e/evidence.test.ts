// An investigator on the case team records a seized phone in the case's evidence register,
// attaches the extraction report, hands the phone to INACIF, and prints the custody form.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { userIds } from '../support/db-facts.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe.skipIf(!target)('the evidence register in the portal', () => {
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

  it('records an item, uploads a file, hands it to INACIF and prints the custody form', async () => {
    const fiscal = await new ApiClient(target!).as('fiscal.demo1');
    const created = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de evidencias en el portal (DEMO)') })).body.data;
    const ids = await userIds(target!);
    expect((await fiscal.request('POST', `/api/cases/${created.documentId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } })).status).toBe(201);

    const { password, totpSecret } = new ApiClient(target!).credential('investigador.demo');
    await page.goto(`${target!.baseUrl}/casos/${created.documentId}`);
    await page.getByLabel('Usuario o correo').fill('investigador.demo');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'investigador.demo', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { name: 'Evidencias y cadena de custodia' }).waitFor();
    await page.getByText('Este caso no tiene indicios registrados.').waitFor();

    await page.getByRole('button', { name: 'Registrar indicio' }).click();
    await page.getByLabel('Tipo', { exact: true }).selectOption('telefono-movil');
    await page.getByLabel('Descripción').fill('Teléfono móvil negro (DEMO).');
    await page.getByLabel('Fecha y hora de la incautación').fill('2026-03-01T14:30');
    await page.getByLabel('Lugar de la incautación').fill('Allanamiento en Santiago (DEMO)');
    await page.getByLabel('Institución que incautó').selectOption('PN-TRATA');
    await page.getByLabel('Agente que incautó (cuenta)').selectOption({ label: 'investigador.demo' });
    await page.getByLabel('Estado del indicio').selectOption('sellado-intacto');
    await page.getByLabel('Número de precinto').fill('PN-000777');
    await page.getByRole('button', { name: 'Guardar indicio' }).click();
    await page.getByRole('heading', { name: /Indicio 1 · Teléfono móvil/ }).waitFor();
    await page.getByText('Cadena de custodia íntegra (1 registros verificados)').waitFor();

    await page.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'Acta de extracción.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Subir archivo' }).click();
    await page.getByText('Se guardó «Acta de extracción.pdf».').waitFor();

    await page.getByRole('button', { name: 'Registrar entrega' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrar entrega del indicio 1' });
    await dialog.getByLabel('Institución que recibe').selectOption('INACIF');
    await dialog.getByLabel('Motivo').selectOption('examen-pericial');
    await dialog.getByLabel('Estado del indicio').selectOption('sellado-intacto');
    await dialog.getByLabel('Observaciones').fill('Extracción forense (DEMO).');
    await dialog.getByRole('button', { name: 'Registrar entrega' }).click();
    await page.getByText('Cadena de custodia íntegra (2 registros verificados)').waitFor();
    await page.getByRole('cell', { name: 'Examen pericial' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Imprimir formulario de cadena de custodia (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`cadena-custodia-${created.caseNumber}-1.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const detail = (await fiscal.get(`/api/cases/${created.documentId}/evidence/1`)).body.data;
    expect(detail.custody.map((e: { to: { agency: string } }) => e.to.agency)).toEqual(['PN-TRATA', 'INACIF']);
    expect(detail.files.map((f: { name: string }) => f.name)).toEqual(['Acta de extracción.pdf']);
    expect(errors).toEqual([]);
  });
});

// The statistics unit opens "Informes", runs a report schedule now and downloads one of its files.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const SCHEDULE = 'Casos CITIM (trimestral)';

describe.skipIf(!target)('reports in the portal', () => {
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

  it('the statistician runs a schedule now and downloads its PDF', async () => {
    const { password, totpSecret } = new ApiClient(target!).credential('estadistica.demo');
    await page.goto(`${target!.baseUrl}/login`);
    await page.getByLabel('Usuario o correo').fill('estadistica.demo');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'estadistica.demo', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();

    await page.getByRole('link', { name: 'Informes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informes' }).waitFor();
    await page.getByRole('button', { name: /^Ejecutar ahora\s*: Casos CITIM \(trimestral\)$/ }).click();
    await page.getByText(`Se generó el informe «${SCHEDULE}».`).waitFor();

    const generated = page.getByRole('table', { name: 'Informes generados' });
    const row = generated.getByRole('row').filter({ hasText: SCHEDULE }).first();
    await row.getByText('a demanda').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Descargar PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pett-informe-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(errors).toEqual([]);
  });

  it('a prosecutor has no "Informes" in the rail', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).first().click();
    const { password, totpSecret } = new ApiClient(target!).credential('fiscal.demo1');
    await page.getByLabel('Usuario o correo').fill('fiscal.demo1');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'fiscal.demo1', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('link', { name: 'Casos' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Informes' }).count()).toBe(0);
  });
});

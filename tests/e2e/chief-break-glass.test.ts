// The chief prosecutor opens the people of a case outside their teams, stating a reason.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');

describe.skipIf(!target)('the chief prosecutor and emergency access', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sees the summary, asks for emergency access with a reason, then sees the people', async () => {
    const fiscal = await new ApiClient(target!).as('fiscal.demo2');
    const teamCase = (await fiscal.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'filters[isDemo][$eq]': 'true' })}`)).body.data[0];
    const { password, totpSecret } = new ApiClient(target!).credential('titular.demo');
    await page.goto(`${target!.baseUrl}/casos/${teamCase.documentId}`);
    await page.getByLabel('Usuario o correo').fill('titular.demo');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'titular.demo', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(teamCase.caseNumber) }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/[VTIJ]-[2-9A-HJKMNP-TV-Z]{5}/);

    await page.getByRole('button', { name: 'Solicitar acceso excepcional' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Motivo').fill('corto');
    await dialog.getByRole('button', { name: 'Confirmar acceso' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Motivo').fill('Audiencia urgente mañana y el fiscal titular del caso está de licencia médica.');
    await dialog.getByRole('button', { name: 'Confirmar acceso' }).click();
    await page.getByText(/[VTIJ]-[2-9A-HJKMNP-TV-Z]{5}/).first().waitFor();
    await page.getByText(/Acceso excepcional vigente/).first().waitFor();

    const status = await fiscal.get(`/api/access/cases/${teamCase.documentId}/emergency-access`);
    expect(status.body.data.grants[0].reason).toContain('Audiencia urgente');
  });
});

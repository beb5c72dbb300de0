// A statistician opens the dashboard (it is her home), sees the charts, reads one as a table,
// filters it by year and province (the address and the figures follow), and downloads a report.
// Fixture: cases with intake year 2010, a year no other test and no demo data uses.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const YEAR = 2010;

describe.skipIf(!target)('the statistics dashboard in the portal', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // 2010: 6 cases in Azua, 7 in Santiago, 2 in Samaná (a small figure, withheld as "<5").
    const fiscal = await new ApiClient(target!).as('fiscal.demo1');
    const open = async (province: string, month: string, n: number) => {
      for (let i = 0; i < n; i += 1) {
        const body = newCaseBody(`Caso de prueba del tablero (DEMO) ${province} ${i + 1}`);
        const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, intakeDate: `${YEAR}-${month}-1${i % 10}`, province } } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    };
    await open('azua', '03', 6);
    await open('santiago', '06', 7);
    await open('samana', '09', 2);
    session = await launch();
    page = await session.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await session?.close();
  });

  const panel = (indicator: string) => page.locator(`[data-indicator="${indicator}"]`);
  const cellOf = async (indicator: string, row: string): Promise<string[]> =>
    panel(indicator).locator('tbody tr', { has: page.getByRole('rowheader', { name: row, exact: true }) }).locator('td .figure').allInnerTexts();
  const totalOf = (indicator: string) => panel(indicator).locator('tfoot td.total').last().innerText();

  it('lands on the dashboard after signing in, draws the charts, reads one as a table and follows the filters', async () => {
    const { password, totpSecret } = new ApiClient(target!).credential('estadistica.demo');
    await page.goto(`${target!.baseUrl}/`);
    await page.getByLabel('Usuario o correo').fill('estadistica.demo');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'estadistica.demo', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tablero estadístico' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/estadisticas');
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Tablero' }).waitFor();

    // Every chart is drawn on its canvas (the map too), with a label that points to its table.
    for (const indicator of ['cases-by-stage', 'cases-opened-by-month', 'cases-by-province', 'victims-by-citizenship-exploitation', 'victims-by-sex-age']) {
      const canvas = panel(indicator).locator('canvas');
      await canvas.waitFor();
      expect(await canvas.getAttribute('aria-label')).toMatch(/^Gráfico: .+ Use «Ver tabla»/);
      const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      });
      expect(inked, indicator).toBe(true);
    }
    // Deadline compliance is drawn when the catalogue has it, else said to be unavailable.
    expect(await panel('deadline-compliance').count() + (await page.getByText('No disponible todavía').count())).toBeGreaterThan(0);

    // The map's table: switch, read, and the switch says what it does.
    const toggle = panel('cases-by-province').getByRole('button', { name: 'Ver tabla' });
    await toggle.click();
    await panel('cases-by-province').getByRole('button', { name: 'Ver gráfico', pressed: true }).waitFor();
    await panel('cases-by-province').locator('table caption', { hasText: 'Casos por provincia' }).waitFor();

    // Filter by year: the address and the figures follow.
    await page.getByLabel('Año de entrada').selectOption(String(YEAR));
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(YEAR));
    await page.getByTestId('dashboard-summary').filter({ hasText: `${YEAR} · todas las provincias` }).waitFor();
    await expect.poll(() => totalOf('cases-by-province')).toBe('15');
    // Samaná's two cases are withheld, never shown as 0.
    expect((await cellOf('cases-by-province', 'Samaná')).at(-1)).toBe('<5');
    expect(await panel('cases-by-province').getByText('No es cero.').count()).toBe(1);

    // Then by province.
    await page.getByLabel('Provincia de los hechos').selectOption('azua');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((url) => url.searchParams.get('province') === 'azua' && url.searchParams.get('year') === String(YEAR));
    await page.getByTestId('dashboard-summary').filter({ hasText: `${YEAR} · Azua` }).waitFor();
    await expect.poll(() => totalOf('cases-by-province')).toBe('6');
    expect((await cellOf('cases-by-province', 'Azua')).at(-1)).toBe('6');
    expect((await cellOf('cases-by-province', 'Santiago')).at(-1)).toBe('0');

    // A shared address opens the same view.
    const shared = page.url();
    await page.goto(shared);
    await page.getByTestId('dashboard-summary').filter({ hasText: `${YEAR} · Azua` }).waitFor();
    // (the province list arrives after the page: the filter shows the province once it has its name)
    await expect.poll(() => page.getByLabel('Provincia de los hechos').inputValue()).toBe('azua');
    expect(await page.getByLabel('Año de entrada').inputValue()).toBe(String(YEAR));
    expect(errors).toEqual([]);
  });

  it('downloads a report of the filtered dashboard', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`estadisticas-${YEAR}-azua.csv`);
    const file = await download.path();
    // The file holds the dashboard's tables for the filtered view, suppressed: Azua's 6 cases of the
    // year are published, nothing below k is.
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv).toContain('Casos por provincia y tipo');
    expect(csv).toMatch(/Azua[^\n]*6/);
    await page.getByRole('group', { name: 'Descargar informe' }).getByText('Informe CSV descargado.').waitFor();
    expect(errors).toEqual([]);
  });
});

// A configurator adds a multiple-choice field, bound to a new code list, to the victim profile's form
// and publishes it (through the admin panel's own API, as its screens do). A prosecutor then sees the
// field on a victim's page, fills it in and saves. The configurator deactivates one of its values,
// and the saved record still shows it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const FORMS_ADMIN = '/content-manager/collection-types/plugin::forms.form-definition';
const LISTS_ADMIN = '/content-manager/collection-types/api::code-list.code-list';

describe.skipIf(!target)('forms drawn from what a configurator publishes', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];
  const run = Date.now().toString(36);
  const anonymous = new ApiClient(target!);
  let admin: Record<string, string>;
  let listId = '';
  let code = '';

  const adminCall = async (method: string, path: string, body?: unknown) => {
    const res = await anonymous.request(method, path, { headers: admin, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res;
  };

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    admin = await anonymous.adminHeaders();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a configurator publishes a multiple-choice field bound to a new list on the victim profile', async () => {
    const list = await adminCall('POST', LISTS_ADMIN, {
      key: `senales-e2e-${run}`, nameEs: 'Señales observadas (prueba)', nameEn: 'Signs observed (test)',
      items: [
        { code: 'encierro', labelEs: 'Encierro', labelEn: 'Confinement', active: true, sortOrder: 1 },
        { code: 'deudas', labelEs: 'Deudas impuestas', labelEn: 'Imposed debts', active: true, sortOrder: 2 },
        { code: 'amenazas', labelEs: 'Amenazas', labelEn: 'Threats', active: true, sortOrder: 3 },
      ],
    });
    listId = list.body.data.documentId;
    const form = await adminCall('POST', FORMS_ADMIN, {
      key: `victima-${run}`, name: 'Datos adicionales de la víctima', target: 'victim-profile',
      sections: [{ key: 'senales', titleEs: 'Señales de control', titleEn: 'Signs of control', fields: [
        { key: 'senalesObservadas', type: 'multiple-choice', labelEs: 'Señales observadas', labelEn: 'Signs observed', codeList: { connect: [{ documentId: listId }] } },
      ] }],
    });
    await adminCall('POST', `${FORMS_ADMIN}/${form.body.data.documentId}/actions/publish`, {});
  });

  it('a prosecutor sees the field on a victim’s page, fills it in and saves', async () => {
    const api = await anonymous.as('fiscal.demo1');
    const teamCase = (await api.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'filters[isDemo][$eq]': 'true' })}`)).body.data[0];
    const added = await api.request('POST', `/api/cases/${teamCase.documentId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', birthYear: 1994 } } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    code = added.body.data.person.code;

    const { password, totpSecret } = anonymous.credential('fiscal.demo1');
    await page.goto(`${target!.baseUrl}/personas/${code}`);
    await page.getByLabel('Usuario o correo').fill('fiscal.demo1');
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, 'fiscal.demo1', totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();

    const section = page.getByRole('region', { name: 'Datos adicionales' });
    await section.getByText('Sin respuestas todavía.').waitFor();
    await section.getByRole('button', { name: 'Editar' }).click();
    const group = section.getByRole('group', { name: 'Señales observadas' });
    await group.getByLabel('Encierro').check();
    await group.getByLabel('Deudas impuestas').check();
    await section.getByRole('button', { name: 'Guardar' }).click();
    await section.getByText('Datos adicionales guardados.').waitFor();
    await expect.poll(() => section.locator('.fact dd').first().textContent()).toBe('Encierro, Deudas impuestas');
    const stored = await api.get(`/api/people/by-code/${code}`);
    expect(stored.body.data.victimProfile).toMatchObject({ custom: { senalesObservadas: ['encierro', 'deudas'] }, customFormVersion: 1 });
  });

  it('after the configurator deactivates a value, the saved record still shows it, marked, and new choices no longer offer it', async () => {
    const list = await adminCall('GET', `${LISTS_ADMIN}/${listId}`);
    const items = list.body.data.items.map(({ id: _id, ...item }: { id: number; code: string }) => ({ ...item, active: item.code !== 'deudas' }));
    await adminCall('PUT', `${LISTS_ADMIN}/${listId}`, { ...list.body.data, items });

    await page.reload();
    const section = page.getByRole('region', { name: 'Datos adicionales' });
    await expect.poll(() => section.locator('.fact dd').first().textContent()).toBe('Encierro, Deudas impuestas (valor inactivo)');
    await section.getByRole('button', { name: 'Editar' }).click();
    const group = section.getByRole('group', { name: 'Señales observadas' });
    // The record holds it, so it stays offered (marked) to this record; unticking is allowed.
    await expect.poll(() => group.getByRole('checkbox').count()).toBe(3);
    await group.getByLabel('Deudas impuestas (valor inactivo)').uncheck();
    await section.getByRole('button', { name: 'Guardar' }).click();
    await section.getByText('Datos adicionales guardados.').waitFor();
    await section.getByRole('button', { name: 'Editar' }).click();
    await expect.poll(() => group.getByRole('checkbox').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});

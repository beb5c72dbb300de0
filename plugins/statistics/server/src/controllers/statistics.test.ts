// The controller's own role check, the second lock behind config/permissions.json: a role granted the
// routes by mistake still gets nothing, and is told why in its language.
import { describe, expect, it } from 'vitest';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import createController from './statistics';
import { createTablesService } from '../services/tables';
import { INDICATORS } from '../indicators/catalogue';

const ctxOf = (role: string | null, lang: string) => ({ state: { user: role ? { id: 1, role: { type: role } } : undefined }, params: { key: 'victims-by-sex-age' }, query: {}, get: () => lang, body: undefined }) as unknown as Context;
// No service is reached before the role check: a Strapi that has none shows it.
const controller = createController({ strapi: { plugin: () => { throw new Error('no services in this test'); } } as unknown as Core.Strapi });

describe('statistics controller role check', () => {
  it('refuses roles other than the statistics unit and the chief prosecutor, with a reason', async () => {
    await expect(controller.indicator(ctxOf('prosecutor', 'en'))).rejects.toMatchObject({ name: 'ForbiddenError', message: 'Only the statistics unit and the chief prosecutor may consult statistics.' });
    await expect(controller.catalogue(ctxOf('analyst', 'es-DO'))).rejects.toMatchObject({ name: 'ForbiddenError', message: expect.stringMatching(/^Solo la unidad de estadística/) });
    await expect(controller.catalogue(ctxOf(null, 'es'))).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('answers the catalogue to the statistics unit', async () => {
    const ctx = ctxOf('statistician', 'en');
    // The catalogue is data, plus the indicators made from form fields: none in this test.
    const indicators = { dynamicIndicators: async () => [] };
    const tables = createTablesService({ strapi: { plugin: () => ({ service: () => indicators }) } as unknown as Core.Strapi });
    await createController({ strapi: { plugin: () => ({ service: () => tables }) } as unknown as Core.Strapi }).catalogue(ctx);
    const data = (ctx.body as { data: Array<{ key: string; name: string; group: string }> }).data;
    expect(data.map((i) => i.key)).toEqual(INDICATORS.map((i) => i.key));
    expect(data.find((i) => i.key === 'victims-by-sex-age')).toMatchObject({ name: 'Victims by sex and age group', group: 'global-report' });
  });
});

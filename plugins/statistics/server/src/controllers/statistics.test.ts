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
    // Answered, not thrown: Strapi would answer a thrown ForbiddenError with a bare "Forbidden".
    const refusal = async (run: (ctx: Context) => Promise<void>, role: string | null, lang: string) => {
      const ctx = ctxOf(role, lang);
      await run(ctx);
      return { status: (ctx as unknown as { status: number }).status, body: ctx.body as { data: null; error: { name: string; message: string } } };
    };
    expect(await refusal(controller.indicator, 'prosecutor', 'en')).toEqual({ status: 403, body: { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Only the statistics unit and the chief prosecutor may consult statistics.', details: {} } } });
    expect((await refusal(controller.catalogue, 'analyst', 'es-DO')).body.error.message).toMatch(/^Solo la unidad de estadística/);
    expect((await refusal(controller.catalogue, null, 'es')).status).toBe(403);
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

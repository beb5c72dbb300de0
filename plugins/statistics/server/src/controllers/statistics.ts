// /api/statistics/*: the indicator catalogue and one indicator's table, SUPPRESSED. Only the
// statistics unit and the chief prosecutor may ask; nothing here answers a row about a person.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import type { Lang } from '../indicators/catalogue';
import type { TablesService } from '../services/tables';

export const STATISTICS_ROLES = ['statistician', 'chief-prosecutor'];

const TEXT = {
  refused: { es: 'Solo la unidad de estadística y el procurador(a) titular pueden consultar las estadísticas.', en: 'Only the statistics unit and the chief prosecutor may consult statistics.' },
};

/**
 * Answers a 403 with its reason. Thrown, a ForbiddenError would lose its message: Strapi's authorize
 * middleware wraps the controller and answers any ForbiddenError with a bare "Forbidden".
 */
export function refuse(ctx: Context, message: string): void {
  ctx.status = 403;
  ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message, details: {} } };
}

/**
 * The caller's language when the caller is the statistics unit or the chief prosecutor; otherwise
 * the 403 with its reason is answered and null returned (the handler then stops).
 */
export function statisticsCaller(ctx: Context): Lang | null {
  const lang = languageOf(ctx.get('accept-language'));
  const role = (ctx.state.user as { role?: { type?: string } } | undefined)?.role?.type;
  if (role && STATISTICS_ROLES.includes(role)) return lang;
  refuse(ctx, TEXT.refused[lang]);
  return null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tables = () => strapi.plugin('statistics').service('tables') as TablesService;

  return {
    /** GET /api/statistics/indicators — what can be asked for, and how. */
    async catalogue(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      ctx.body = await tables().catalogue(lang);
    },

    /** GET /api/statistics/indicators/:key — the indicator's table after small-cell suppression. */
    async indicator(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      ctx.body = await tables().answer(String(ctx.params.key ?? ''), ctx.query as Record<string, unknown>, lang);
    },
  };
};

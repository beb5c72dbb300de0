// /api/statistics/*: the indicator catalogue and one indicator's table, SUPPRESSED. Only the
// statistics unit and the chief prosecutor may ask; nothing here answers a row about a person.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import type { Lang } from '../indicators/catalogue';
import type { TablesService } from '../services/tables';

export const STATISTICS_ROLES = ['statistician', 'chief-prosecutor'];

const TEXT = {
  refused: { es: 'Solo la unidad de estadística y el procurador(a) titular pueden consultar las estadísticas.', en: 'Only the statistics unit and the chief prosecutor may consult statistics.' },
};

/** The caller's language, once the caller is known to be the statistics unit or the chief prosecutor (403 otherwise). */
export function statisticsCaller(ctx: Context): Lang {
  const lang = languageOf(ctx.get('accept-language'));
  const role = (ctx.state.user as { role?: { type?: string } } | undefined)?.role?.type;
  if (!role || !STATISTICS_ROLES.includes(role)) throw new errors.ForbiddenError(TEXT.refused[lang]);
  return lang;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tables = () => strapi.plugin('statistics').service('tables') as TablesService;

  return {
    /** GET /api/statistics/indicators — what can be asked for, and how. */
    async catalogue(ctx: Context) {
      const lang = statisticsCaller(ctx);
      ctx.body = await tables().catalogue(lang);
    },

    /** GET /api/statistics/indicators/:key — the indicator's table after small-cell suppression. */
    async indicator(ctx: Context) {
      const lang = statisticsCaller(ctx);
      ctx.body = await tables().answer(String(ctx.params.key ?? ''), ctx.query as Record<string, unknown>, lang);
    },
  };
};

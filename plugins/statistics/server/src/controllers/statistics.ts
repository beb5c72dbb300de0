// /api/statistics/*: the indicator catalogue and one indicator's table, SUPPRESSED. Only the
// statistics unit and the chief prosecutor may ask; nothing here answers a row about a person.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import { DIMENSIONS, INDICATORS, PARAMETERS, indicatorOf, type Dimension, type Lang } from '../indicators/catalogue';
import { parseIndicatorQuery } from '../indicators/query';
import { labelOf } from '../indicators/table';
import type { IndicatorsService } from '../services/indicators';
import { SUPPRESSION_PROFILES, figureText, suppressTable, type Figure } from '../suppression/suppress';

export const STATISTICS_ROLES = ['statistician', 'chief-prosecutor'];

const TEXT = {
  refused: { es: 'Solo la unidad de estadística y el procurador(a) titular pueden consultar las estadísticas.', en: 'Only the statistics unit and the chief prosecutor may consult statistics.' },
  key: { es: `Indicador desconocido: use uno de ${INDICATORS.map((i) => i.key).join(', ')}.`, en: `Unknown indicator: use one of ${INDICATORS.map((i) => i.key).join(', ')}.` },
};

const dimensionOut = (dim: Dimension, lang: Lang) => ({ key: dim.key, name: dim.name[lang], names: dim.name, codeList: dim.codeList ?? null });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const indicators = () => strapi.plugin('statistics').service('indicators') as IndicatorsService;

  function allowed(ctx: Context): Lang {
    const lang = languageOf(ctx.get('accept-language'));
    const role = (ctx.state.user as { role?: { type?: string } } | undefined)?.role?.type;
    if (!role || !STATISTICS_ROLES.includes(role)) throw new errors.ForbiddenError(TEXT.refused[lang]);
    return lang;
  }

  return {
    /** GET /api/statistics/indicators — what can be asked for, and how. */
    async catalogue(ctx: Context) {
      const lang = allowed(ctx);
      ctx.body = {
        data: INDICATORS.map((i) => ({
          key: i.key, name: i.name[lang], names: i.name, counts: i.counts[lang], source: i.source,
          parameters: PARAMETERS.map((p) => ({ ...p, description: p.description[lang] })),
          dimensions: { rows: dimensionOut(i.rows, lang), columns: dimensionOut(i.columns, lang) },
        })),
        meta: { profiles: SUPPRESSION_PROFILES, dimensions: Object.values(DIMENSIONS).map((d) => d.key) },
      };
    },

    /** GET /api/statistics/indicators/:key — the indicator's table after small-cell suppression. */
    async indicator(ctx: Context) {
      const lang = allowed(ctx);
      const indicator = indicatorOf(String(ctx.params.key ?? ''));
      if (!indicator) throw new errors.ValidationError(TEXT.key[lang], { errors: [{ path: ['key'], message: TEXT.key[lang] }] });
      const provinces = new Set(((await indicators().codeLists(['province'])).get('province') ?? []).map((i) => i.code));
      const parsed = parseIndicatorQuery(ctx.query as Record<string, unknown>, provinces, lang);
      if ('problems' in parsed) throw new errors.ValidationError(parsed.problems[0]!.message, { errors: parsed.problems });
      const { scope, profile } = parsed.request;
      const k = SUPPRESSION_PROFILES[profile];
      const lists = await indicators().listsOf(indicator);
      // The raw counts go straight into suppression; only the suppressed table is answered.
      const table = suppressTable(await indicators().count(indicator.key, scope, lists), { k });
      const figure = (f: Figure) => ({ value: f.value, suppressed: f.suppressed, text: figureText(f, k) });
      ctx.body = {
        data: {
          key: indicator.key, name: indicator.name[lang], counts: indicator.counts[lang],
          rows: table.rows.map((code) => ({ code, label: labelOf(indicator.rows, code, lang, lists) })),
          columns: table.columns.map((code) => ({ code, label: labelOf(indicator.columns, code, lang, lists) })),
          cells: table.cells.map((line) => line.map(figure)),
          rowTotals: table.rowTotals.map(figure),
          columnTotals: table.columnTotals.map(figure),
          total: figure(table.total),
        },
        meta: { k, profile, scope, dimensions: { rows: dimensionOut(indicator.rows, lang), columns: dimensionOut(indicator.columns, lang) } },
      };
    },
  };
};

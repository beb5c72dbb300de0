// Population rows are kept by the configurator in /admin: every save (admin panel, seed, script) is
// checked field by field and against the other rows (one row per year, province, sex and age group),
// and refused with what to fix, in the configurator's language.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { languageOf } from '@pett/access/dist/server/services/language';
import { CODE_LIST_UID, POPULATION_ESTIMATE_UID } from '../uids';
import { duplicateProblem, populationProblems, provinceOf, type PopulationRow } from './rules';

export default function registerPopulationCheck(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== POPULATION_ESTIMATE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const lang = languageOf((strapi.requestContext.get() as { get?(h: string): string } | undefined)?.get?.('accept-language'));
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const existing = params.documentId ? ((await strapi.db.query(POPULATION_ESTIMATE_UID as never).findOne({ where: { documentId: params.documentId } })) as Record<string, unknown> | null) : null;
    const data = { ...(params.data ?? {}) };
    // One spelling of "the whole country" (null), so the unique index sees one row.
    if ('province' in data) data.province = provinceOf(data.province);
    params.data = data;
    const merged = { ...(existing ?? {}), ...data };

    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: ['province', 'sex'] } }, populate: { items: true } })) as Array<{ key: string; items?: Array<{ code: string; active?: boolean | null }> }>;
    const codes = (key: string) => new Set((lists.find((l) => l.key === key)?.items ?? []).filter((i) => i.active !== false).map((i) => i.code));
    const problems = populationProblems(merged, { provinces: codes('province'), sexes: codes('sex') }, lang);
    if (problems.length) throw new errors.ValidationError(problems[0]!.message, { errors: problems });

    const row = { ...merged, province: provinceOf(merged.province) } as PopulationRow;
    const same = (await strapi.db.query(POPULATION_ESTIMATE_UID as never).findMany({
      where: { year: row.year, sex: row.sex, ageGroup: row.ageGroup, ...(row.province === null ? { $or: [{ province: null }, { province: '' }] } : { province: row.province }) },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    if (same.some((other) => other.documentId !== params.documentId)) {
      const problem = duplicateProblem(row, lang);
      throw new errors.ValidationError(problem.message, { errors: [problem] });
    }
    return next();
  });
}

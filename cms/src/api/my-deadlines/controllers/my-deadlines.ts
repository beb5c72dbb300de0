// Thin shell over the workflow plugin's "my deadlines" reads: check the query, scope to the caller.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import { officeToday } from '@pett/workflow/dist/server/alerts/alert-state';
import { createMyDeadlines } from '@pett/workflow/dist/server/alerts/my-deadlines';
import { deadlinesInput, noQuery, type Checked } from '@pett/workflow/dist/server/alerts/request-input';

export function checked<T>(result: Checked<T>): T {
  if (result.ok) return result.value;
  throw new errors.ValidationError(result.problems.map((p) => p.message).join(' '), { errors: result.problems.map((p) => ({ path: [p.path], message: p.message })) });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mine = createMyDeadlines(strapi);
  const userId = (ctx: Context) => Number((ctx.state.user as { id: number }).id);

  return {
    async list(ctx: Context) {
      const input = checked(deadlinesInput(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      const now = new Date();
      const { data, pagination } = await mine.list(userId(ctx), input, officeToday(now), now);
      ctx.body = { data, meta: { pagination } };
    },

    async summary(ctx: Context) {
      checked(noQuery(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      const now = new Date();
      ctx.body = { data: await mine.summary(userId(ctx), officeToday(now), now) };
    },
  };
};

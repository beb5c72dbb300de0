// Thin shell over the workflow plugin's notification store, always for the signed-in user only.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import { createNotifications } from '@pett/workflow/dist/server/alerts/notifications';
import { noQuery, notificationsInput } from '@pett/workflow/dist/server/alerts/request-input';
import { checked } from '../../my-deadlines/controllers/my-deadlines';

const TEXT = {
  notFound: { es: 'No se encontró el aviso.', en: 'The notification was not found.' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = createNotifications(strapi);
  const userId = (ctx: Context) => Number((ctx.state.user as { id: number }).id);

  return {
    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const input = checked(notificationsInput(ctx.query as Record<string, unknown>, lang));
      ctx.body = await store.list(userId(ctx), input, lang);
    },

    async read(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      checked(noQuery(ctx.query as Record<string, unknown>, lang));
      const id = String(ctx.params.id ?? '');
      const view = /^[a-z0-9]{1,40}$/.test(id) ? await store.markRead(userId(ctx), id, lang) : null;
      if (!view) throw new errors.NotFoundError(TEXT.notFound[lang]);
      ctx.body = { data: view };
    },

    async readAll(ctx: Context) {
      checked(noQuery(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      ctx.body = { data: { marked: await store.markAllRead(userId(ctx)) } };
    },
  };
};

// A data set may list only fields of the server's catalogue of shareable fields: the configurator
// gets a 400 naming the unknown keys, from the admin panel or anywhere else.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SHAREABLE_FIELDS, unknownFields } from './domain/shareable-fields';
import { DATA_SET_UID } from './uids';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== DATA_SET_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ((ctx.params ?? {}) as { data?: { fields?: unknown } }).data;
    if (data && 'fields' in data) {
      const unknown = unknownFields(data.fields);
      if (unknown.length) {
        const known = SHAREABLE_FIELDS.map((f) => f.key).join(', ');
        throw new errors.ValidationError(`Unknown shareable fields: ${unknown.join(', ')}. Allowed: ${known}. / Campos no compartibles: ${unknown.join(', ')}.`, { errors: [{ path: ['fields'], message: `Allowed: ${known}` }] });
      }
    }
    return next();
  });
};

// What the portal draws forms from: the version in force for a kind of record, or an older version
// (to show a record's answers with the labels it was saved under), with the code lists it uses.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import { FORM_TARGETS, fieldsOf, type FormField } from '../definition/types';
import type { DefinitionsService } from '../services/definitions';
import { verifyPreview } from '../definition/preview-token';
import { validateAnswers } from '../definition/answers';
import { FORM_DEFINITION_UID } from '../uids';
import { CODE_LIST_UID } from '../uids';

const TEXT = {
  target: { es: `El tipo de registro debe ser uno de: ${FORM_TARGETS.join(', ')}.`, en: `The kind of record must be one of: ${FORM_TARGETS.join(', ')}.` },
  version: { es: 'La versión debe ser un número entero desde 1.', en: 'The version must be a whole number from 1.' },
  noVersion: { es: 'Esa versión del formulario no existe.', en: 'That version of the form does not exist.' },
  previewGone: { es: 'Este enlace de vista previa ya no vale: ábralo otra vez desde el panel de administración.', en: 'This preview link is no longer valid: open it again from the admin panel.' },
  previewOk: { es: 'Las respuestas cumplen el formulario. En la vista previa no se guarda nada.', en: 'The answers meet the form. Nothing is saved in the preview.' },
};

interface CodeItem { code: string; labelEs: string; labelEn: string; active?: boolean | null; sortOrder?: number | null; parentCode?: string | null }

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const definitions = () => strapi.plugin('forms').service('definitions') as DefinitionsService;

  /** The items of the lists these fields use, inactive ones included (old answers show them). */
  async function listsOf(fields: FormField[]) {
    const keys = [...new Set(fields.map((f) => f.codeList).filter((k): k is string => !!k))];
    if (keys.length === 0) return {};
    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: keys } }, select: ['key'], populate: { items: true } })) as Array<{ key: string; items?: CodeItem[] }>;
    return Object.fromEntries(lists.map((l) => [l.key, (l.items ?? [])
      .map((i) => ({ code: i.code, labelEs: i.labelEs, labelEn: i.labelEn, active: i.active !== false, sortOrder: i.sortOrder ?? 0, parentCode: i.parentCode ?? null }))
      .sort((a, b) => a.sortOrder - b.sortOrder)]));
  }

  function targetOf(ctx: Context) {
    const target = String(ctx.params.target ?? '');
    if (!(FORM_TARGETS as readonly string[]).includes(target)) throw new errors.ValidationError(TEXT.target[languageOf(ctx.get('accept-language'))], { errors: [{ path: ['target'], message: TEXT.target[languageOf(ctx.get('accept-language'))] }] });
    return target;
  }

  /** The draft a preview link opens, or a 404 saying the link is no longer valid. */
  async function previewDraft(ctx: Context) {
    const lang = languageOf(ctx.get('accept-language'));
    const secret = String(strapi.config.get('admin.auth.secret') ?? '');
    const documentId = secret ? verifyPreview(ctx.query.token, secret) : null;
    const draft = documentId ? await definitions().draftOf(documentId) : null;
    if (!documentId || !draft) throw new errors.NotFoundError(TEXT.previewGone[lang]);
    const stored = (await strapi.db.query(FORM_DEFINITION_UID as never).findOne({ where: { documentId }, select: ['name'] })) as { name?: string } | null;
    return { lang, draft, name: stored?.name ?? draft.key };
  }

  return {
    /** GET /api/forms/preview?token= — the draft as the portal will draw it (the admin panel's Preview). */
    async preview(ctx: Context) {
      const { draft, name } = await previewDraft(ctx);
      ctx.body = { data: { target: draft.target, version: draft.version, name, definition: draft, codeLists: await listsOf(fieldsOf(draft)) } };
    },

    /** POST /api/forms/preview/check?token= {custom} — the server's check of answers against the draft; nothing is saved. */
    async checkPreview(ctx: Context) {
      const { lang, draft } = await previewDraft(ctx);
      const lists = await definitions().codeLists();
      const body = (ctx.request as unknown as { body?: { data?: { custom?: unknown } } }).body;
      const result = validateAnswers(draft, body?.data?.custom ?? {}, { lang, activeCodes: new Map([...lists].map(([k, v]) => [k, v.active])) });
      if (!result.ok) {
        const placed = result.errors.map((e) => ({ path: ['custom', ...e.path], message: e.message }));
        throw new errors.ValidationError(placed[0]!.message, { errors: placed });
      }
      ctx.body = { data: { ok: true, message: TEXT.previewOk[lang] } };
    },

    /** The form in force; `data: null` when none has been published for that kind of record. */
    async current(ctx: Context) {
      const target = targetOf(ctx);
      const form = await definitions().latest(target);
      // Fields of earlier versions that this one dropped: records that hold answers to them show them read-only.
      const retired = form ? await definitions().retiredFields(target) : [];
      ctx.body = {
        data: form ? { target, version: form.version, definition: form.definition, retired, codeLists: await listsOf([...fieldsOf(form.definition), ...retired]) } : null,
        meta: { versions: await definitions().versionNumbers(target) },
      };
    },

    async version(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const target = targetOf(ctx);
      const n = Number(ctx.params.version);
      if (!/^\d{1,6}$/.test(String(ctx.params.version)) || n < 1) throw new errors.ValidationError(TEXT.version[lang], { errors: [{ path: ['version'], message: TEXT.version[lang] }] });
      const form = await definitions().version(target, n);
      if (!form) throw new errors.NotFoundError(TEXT.noVersion[lang]);
      ctx.body = { data: { target, version: form.version, definition: form.definition, codeLists: await listsOf(fieldsOf(form.definition)) } };
    },
  };
};

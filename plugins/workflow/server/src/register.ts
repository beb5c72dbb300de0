// The workflow save check: every create or update of a workflow (admin panel, seeds, scripts) goes
// through the validator, and a change that affects cases freezes a new version in the same transaction.
// Also registers the save checks of SOP templates and deadline rules, and the deadlines of a victim's protection measures and referrals.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { languageOf } from '@pett/access/dist/server/services/language';
import { WORKFLOW_UID } from './uids';
import { definitionOf, type WorkflowsService } from './services/workflows';
import registerSopTemplateVersions from './middlewares/sop-template-versions';
import registerDeadlineRuleCheck from './middlewares/deadline-rule-check';
import registerVictimDeadlines from './middlewares/victim-deadlines';
import registerComplexCase from './middlewares/complex-case';

const TEXT = {
  keyChange: { es: 'La clave de un flujo ya usado no se puede cambiar: cree un flujo nuevo.', en: 'The key of a workflow already in use cannot be changed: create a new workflow.' },
  inUse: { es: 'Este flujo lo siguen casos o es el flujo por defecto: no se puede borrar.', en: 'Cases follow this workflow, or it is the default one: it cannot be deleted.' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workflows = () => strapi.plugin('workflow').service('workflows') as WorkflowsService;
  const lang = () => languageOf((strapi.requestContext.get() as { get?(h: string): string } | undefined)?.get?.('accept-language'));
  registerSopTemplateVersions(strapi);
  registerDeadlineRuleCheck(strapi);
  registerVictimDeadlines(strapi);
  registerComplexCase(strapi);

  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== WORKFLOW_UID || !['create', 'update', 'delete'].includes(ctx.action)) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const existing = params.documentId
      ? ((await strapi.db.query(WORKFLOW_UID as never).findOne({ where: { documentId: params.documentId }, populate: ['states', 'transitions'] })) as Record<string, unknown> | null)
      : null;

    if (ctx.action === 'delete') {
      if (existing && (existing.isDefault === true || (await workflows().inUse(String(existing.key))))) throw new errors.ValidationError(TEXT.inUse[lang()]);
      return next();
    }

    // An update may send only some fields: the workflow checked is the one that would be saved.
    const merged = { ...(existing ?? {}), ...(params.data ?? {}) };
    if (existing && merged.key !== existing.key && (await workflows().latestVersion(String(existing.key)))) {
      throw new errors.ValidationError(TEXT.keyChange[lang()], { errors: [{ path: ['key'], message: TEXT.keyChange[lang()] }] });
    }
    await workflows().assertValid(definitionOf(merged), lang());
    return strapi.db.transaction(async () => {
      const result = await next();
      const saved = result as { documentId?: string } | null;
      if (saved?.documentId) await workflows().freeze(saved.documentId);
      return result;
    });
  });
};

// Workflow definitions and their versions: checking a definition before it is saved, freezing a new
// version when what cases follow has changed, and finding the version a case follows.
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_KEYS } from '@pett/access/dist/server/policy/roles';
import type { WorkflowDefinition, WorkflowState, WorkflowTransition } from '../machine/definition';
import { workflowFor } from '../machine/definition';
import { GUARDS } from '../machine/guards';
import type { Lang } from '../machine/reasons';
import { problemMessage, problemsSummary, validateWorkflow } from '../machine/validate';
import { CASE_UID, CODE_LIST_UID, DEADLINE_RULE_UID, SOP_TEMPLATE_UID, WORKFLOW_UID, WORKFLOW_VERSION_UID } from '../uids';

/** A workflow as stored: the editable document's fields (components and JSON as the admin sends them). */
type StoredWorkflow = Record<string, unknown> & { id?: number; documentId?: string; key?: string };
export interface VersionedWorkflow { key: string; version: number; definition: WorkflowDefinition }

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The definition cases follow, from a stored or submitted workflow: only what decides behaviour. */
export function definitionOf(stored: StoredWorkflow): WorkflowDefinition {
  const states = Array.isArray(stored.states) ? (stored.states as Array<Record<string, unknown>>) : [];
  const transitions = Array.isArray(stored.transitions) ? (stored.transitions as Array<Record<string, unknown>>) : [];
  return {
    key: String(stored.key ?? ''),
    name: String(stored.name ?? ''),
    initialState: String(stored.initialState ?? ''),
    isDefault: stored.isDefault === true,
    appliesTo: stored.appliesTo && typeof stored.appliesTo === 'object' ? (stored.appliesTo as WorkflowDefinition['appliesTo']) : null,
    states: states.map((s): WorkflowState => ({
      code: s?.code as string,
      labelEs: s?.labelEs as string,
      labelEn: s?.labelEn as string,
      // Lists are checked by the validator; empty when the configurator leaves them out.
      sopTemplates: s?.sopTemplates == null ? [] : (s.sopTemplates as string[]),
      startsEvents: s?.startsEvents == null ? [] : (s.startsEvents as string[]),
    })),
    transitions: transitions.map((t): WorkflowTransition => ({
      from: t?.from as string,
      to: t?.to as string,
      // Shapes are checked by the validator; arrays of anything else pass through to be named there.
      roles: Array.isArray(t?.roles) ? (t.roles as string[]) : (t?.roles as string[]),
      requiredSteps: t?.requiredSteps == null ? [] : (t.requiredSteps as string[]),
      guards: t?.guards == null ? [] : (t.guards as string[]),
    })),
  };
}

export function fingerprint(definition: WorkflowDefinition): string {
  const { key, initialState, states, transitions, appliesTo } = definition;
  return createHash('sha256').update(JSON.stringify({ key, initialState, states, transitions, appliesTo: appliesTo ?? null })).digest('hex');
}

export const createWorkflowsService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function stageCodes(): Promise<Set<string>> {
    const stageList = (await strapi.db.query(CODE_LIST_UID as never).findOne({ where: { key: 'case-stage' }, populate: ['items'] })) as { items?: Array<{ code: string }> } | null;
    return new Set((stageList?.items ?? []).map((i) => i.code));
  }

  async function latestVersion(key: string): Promise<VersionedWorkflow | null> {
    const row = (await strapi.db.query(WORKFLOW_VERSION_UID as never).findOne({ where: { key }, orderBy: { version: 'desc' } })) as { version: number; definition: WorkflowDefinition; fingerprint: string } | null;
    return row ? { key, version: row.version, definition: row.definition } : null;
  }

  const service = {
    /** Refuses a broken workflow with the validator's words (400, in the caller's language). */
    async assertValid(definition: WorkflowDefinition, lang: Lang): Promise<void> {
      const templates = ((await strapi.db.query(SOP_TEMPLATE_UID as never).findMany({ select: ['key', 'active'] })) as Array<{ key: string; active: boolean | null }>).filter((t) => t.active !== false);
      const rules = ((await strapi.db.query(DEADLINE_RULE_UID as never).findMany({ select: ['event', 'active'] })) as Array<{ event: string; active: boolean | null }>).filter((r) => r.active !== false);
      const problems = validateWorkflow(definition, {
        roles: ROLE_KEYS,
        guards: Object.keys(GUARDS),
        stageCodes: await stageCodes(),
        templates: new Set(templates.map((t) => t.key)),
        events: new Set(rules.map((r) => r.event)),
      });
      if (problems.length) {
        throw new errors.ValidationError(problemsSummary(problems, lang), { errors: problems.map((p) => ({ path: p.path, message: problemMessage(p, lang), code: p.code })) });
      }
    },

    /** Freezes a new version when the saved workflow differs from its last version; returns the current one. */
    async freeze(documentId: string): Promise<VersionedWorkflow> {
      const stored = (await strapi.db.query(WORKFLOW_UID as never).findOne({ where: { documentId }, populate: ['states', 'transitions'] })) as StoredWorkflow & { id: number };
      const definition = definitionOf(stored);
      const print = fingerprint(definition);
      const last = (await strapi.db.query(WORKFLOW_VERSION_UID as never).findOne({ where: { key: definition.key }, orderBy: { version: 'desc' } })) as { version: number; fingerprint: string } | null;
      if (last && last.fingerprint === print) {
        if (stored.version !== last.version) await strapi.db.query(WORKFLOW_UID as never).update({ where: { id: stored.id }, data: { version: last.version } });
        return { key: definition.key, version: last.version, definition };
      }
      const version = (last?.version ?? 0) + 1;
      await strapi.documents(WORKFLOW_VERSION_UID as never).create({ data: { key: definition.key, version, definition, fingerprint: print } } as never);
      await strapi.db.query(WORKFLOW_UID as never).update({ where: { id: stored.id }, data: { version } });
      return { key: definition.key, version, definition };
    },

    async version(key: string, version: number): Promise<VersionedWorkflow | null> {
      const row = (await strapi.db.query(WORKFLOW_VERSION_UID as never).findOne({ where: { key, version } })) as { definition: WorkflowDefinition } | null;
      return row ? { key, version, definition: row.definition } : null;
    },

    latestVersion,

    /** The current versions of every workflow, for choosing one for a new case. */
    async currentVersions(): Promise<VersionedWorkflow[]> {
      const stored = (await strapi.db.query(WORKFLOW_UID as never).findMany({ select: ['key'] })) as Array<{ key: string }>;
      const versions = await Promise.all(stored.map((w) => latestVersion(w.key)));
      return versions.filter((v): v is VersionedWorkflow => v !== null);
    },

    /** The workflow version a new case starts with: the most specific that applies, else the default. */
    async forNewCase(facts: { caseType?: string | null; smugglingRoute?: string | null }): Promise<VersionedWorkflow> {
      const current = await service.currentVersions();
      const chosen = workflowFor(current.map((v) => ({ ...v.definition, ref: v })), facts);
      if (!chosen) throw new Error('no default workflow: the catalogue config/catalogues/workflows.json must ship one with isDefault');
      return chosen.ref;
    },

    /** The version a case follows; cases opened before workflows existed follow the default's current version. */
    async ofCase(row: { workflowKey?: string | null; workflowVersion?: number | null }): Promise<VersionedWorkflow> {
      if (row.workflowKey && row.workflowVersion) {
        const found = await service.version(row.workflowKey, row.workflowVersion);
        if (found) return found;
      }
      const fallback = (await service.currentVersions()).find((v) => v.definition.isDefault);
      if (!fallback) throw new Error('no default workflow');
      return fallback;
    },

    /** Is a workflow followed by any case? (Such a workflow keeps its key.) */
    async inUse(key: string): Promise<boolean> {
      return (await strapi.db.query(CASE_UID as never).count({ where: { workflowKey: key } })) > 0;
    },
  };
  return service;
};

export type WorkflowsService = ReturnType<typeof createWorkflowsService>;

// Rewrites a `populate` parameter so that every populated relation to a guarded type carries the
// reader's scope as a filter: a populate never reaches a record that a list would not show.
import type { Scope } from '../policy/policy';
import { restrictFilters } from '../policy/policy';

type Attribute = { type: string; target?: string; component?: string; components?: string[] };
type Model = { attributes: Record<string, Attribute> };
export type ModelLookup = (uid: string) => Model | undefined;
export type ScopeLookup = (uid: string) => Scope | undefined;

type PopulateObject = Record<string, unknown>;

const NOTHING = { id: { $null: true } };

function normalise(populate: unknown, model: Model): PopulateObject {
  if (populate === '*' || populate === true) {
    const all: PopulateObject = {};
    for (const [name, attr] of Object.entries(model.attributes)) {
      if (['relation', 'component', 'dynamiczone', 'media'].includes(attr.type)) all[name] = true;
    }
    return all;
  }
  if (typeof populate === 'string') {
    return Object.fromEntries(populate.split(',').map((p) => p.trim()).filter(Boolean).map((p) => [p, true]));
  }
  if (Array.isArray(populate)) {
    const out: PopulateObject = {};
    for (const entry of populate) {
      if (typeof entry !== 'string') continue;
      const [head, ...rest] = entry.split('.');
      out[head] = rest.length ? mergeNested(out[head], rest.join('.')) : (out[head] ?? true);
    }
    return out;
  }
  if (populate && typeof populate === 'object') return { ...(populate as PopulateObject) };
  return {};
}

function mergeNested(existing: unknown, path: string): unknown {
  const base = existing && typeof existing === 'object' ? { ...(existing as PopulateObject) } : {};
  const inner = normalisePopulateValue((base as PopulateObject).populate);
  const [head, ...rest] = path.split('.');
  inner[head] = rest.length ? mergeNested(inner[head], rest.join('.')) : (inner[head] ?? true);
  return { ...base, populate: inner };
}

function normalisePopulateValue(value: unknown): PopulateObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as PopulateObject) } : {};
}

export interface PopulateHooks {
  /** Narrow the `fields` of a populated target (field-level rules). */
  fieldsOf?: (uid: string, requested: unknown) => string[] | undefined;
  /** Refuse caller-supplied filters on a populated target that name unreadable fields. */
  checkFilters?: (uid: string, filters: unknown) => void;
}

export function scopePopulate(populate: unknown, uid: string, models: ModelLookup, scopes: ScopeLookup, depth = 0, hooks: PopulateHooks = {}): unknown {
  const model = models(uid);
  if (populate == null || populate === false || !model || depth > 8) return populate;
  const tree = normalise(populate, model);
  for (const [name, value] of Object.entries(tree)) {
    const attr = model.attributes[name];
    if (!attr || value === false) continue;
    if (attr.type === 'relation' && attr.target) {
      const scope = scopes(attr.target);
      const entry: PopulateObject = value && typeof value === 'object' ? { ...(value as PopulateObject) } : {};
      if (entry.filters !== undefined) hooks.checkFilters?.(attr.target, entry.filters);
      const fields = hooks.fieldsOf?.(attr.target, entry.fields);
      if (fields) entry.fields = fields;
      if (scope) {
        const restricted = restrictFilters(entry.filters, scope);
        entry.filters = restricted ?? NOTHING;
      }
      if (entry.populate !== undefined) entry.populate = scopePopulate(entry.populate, attr.target, models, scopes, depth + 1, hooks);
      tree[name] = Object.keys(entry).length ? entry : true;
    } else if (attr.type === 'component' && attr.component && value && typeof value === 'object') {
      const entry = { ...(value as PopulateObject) };
      if (entry.populate !== undefined) entry.populate = scopePopulate(entry.populate, attr.component, models, scopes, depth + 1, hooks);
      tree[name] = entry;
    }
  }
  return tree;
}

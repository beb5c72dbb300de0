// The boxes of the plan's rows as form fields, with their labels and choices: fixed lists from the
// messages; hypotheses and lines of this plan ("H2. …"); the case team, agencies, countries and the
// case's people by code from what the server sent with the plan.
import type { FieldDefinition } from '../../components/form/field-definition'
import type { CodeOption } from '../../stores/code-lists'
import type { RowsTexts } from '../../components/form/RowsFieldset.vue'
import type { PlanOptions } from './plan-api'
import { CHOICES, PART_BOXES, PART_NAMES, boxKey, type PartName, type PlanDraft } from './plan-form'

type Translate = (key: string, named?: Record<string, unknown>) => string

export const ROWS_TEXTS = Object.fromEntries(
  PART_NAMES.map((part) => [part, { legend: `plans.parts.${part}`, item: `plans.rows.${part}.item`, add: `plans.rows.${part}.add`, remove: `plans.rows.${part}.remove`, none: `plans.rows.${part}.none` }]),
) as Record<PartName, RowsTexts>

/** Which fixed list a select box of a part draws from. */
const FIXED: Partial<Record<`${PartName}.${string}`, keyof typeof CHOICES>> = {
  'hypotheses.status': 'hypothesisStatus',
  'actions.status': 'actionStatus',
  'resources.kind': 'resourceKind',
  'risks.likelihood': 'level',
  'risks.impact': 'level',
  'authorisations.kind': 'authorisationKind',
  'mlaRequests.status': 'mlaStatus',
  'informationNeeds.priority': 'level',
  'informationNeeds.status': 'needStatus',
}

const short = (text: unknown, max = 70) => {
  const s = String(text ?? '').trim()
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

export interface FieldContext {
  t: Translate
  options: PlanOptions
  language: 'es' | 'en'
}

function choicesFor(part: PartName, box: string, draft: PlanDraft, ctx: FieldContext): CodeOption[] | undefined {
  const { t, options } = ctx
  const fixed = FIXED[`${part}.${box}`]
  if (fixed) return CHOICES[fixed].map((value) => ({ value, label: t(`plans.values.${fixed}.${value}`) }))
  switch (box) {
    case 'hypothesisKey':
      return draft.parts.hypotheses.map((row, i) => ({ value: row.key, label: `H${i + 1}. ${short(row.statement) || t('plans.rows.hypotheses.item', { n: i + 1 })}` }))
    case 'lineKey':
      return draft.parts.lines.map((row, i) => ({ value: row.key, label: `L${i + 1}. ${short(row.title) || t('plans.rows.lines.item', { n: i + 1 })}` }))
    case 'assignee':
      return [
        ...options.team.map((m) => ({ value: `user:${m.documentId}`, label: `${t('plans.teamGroup')}: ${t('plans.member', { user: m.username, role: t(`plans.teamRoles.${m.teamRole}`) })}` })),
        ...options.agencies.map((a) => ({ value: `agency:${a.code}`, label: `${t('plans.agencyGroup')}: ${a.name} (${a.code})` })),
      ]
    case 'agencyCode':
      return options.agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))
    case 'country':
      return options.countries.map((c) => ({ value: c.code, label: ctx.language === 'es' ? c.labelEs : c.labelEn }))
    case 'personCodes':
      return options.people.map((p) => ({ value: p.code, label: p.code }))
    default:
      return undefined
  }
}

const EMPTY_LABEL: Record<string, string> = { assignee: 'plans.unassigned', lineKey: 'plans.noChoice', agencyCode: 'plans.noChoice' }

/** The fields of row `index` of `part`, named by their error keys ("actions.0.dueDate"). */
export function rowFields(part: PartName, index: number, draft: PlanDraft, ctx: FieldContext): FieldDefinition[] {
  return PART_BOXES[part]
    .filter((box) => box.name !== 'personCodes' || ctx.options.people.length > 0)
    .map((box) => {
      const options = choicesFor(part, box.name, draft, ctx)
      const field: FieldDefinition = {
        name: boxKey(part, index, box.name),
        kind: box.kind,
        label: ctx.t(`plans.fields.${box.name}`),
        required: box.required,
        maxlength: box.maxlength,
        wide: box.kind === 'textarea' || box.kind === 'checkboxes',
      }
      if (options) field.options = options
      if (box.kind === 'select') {
        if (!box.required) field.emptyLabel = ctx.t(EMPTY_LABEL[box.name] ?? 'plans.noChoice')
        else if (!FIXED[`${part}.${box.name}`]) field.emptyLabel = ctx.t('plans.choose')
        field.filterable = (options?.length ?? 0) > 12
      }
      if (part === 'authorisations' && box.name === 'expiresOn') field.hint = ctx.t('plans.fields.expiresOnHint')
      return field
    })
}

// The "Nuevo caso" form's field definitions, grouped in sections, in the current language.
import type { FieldDefinition } from '../../components/form/field-definition'
import type { useCodeListsStore } from '../../stores/code-lists'
import { MUNICIPALITY_MAX, PRIORITIES, RISKS, SUMMARY_MAX, TITLE_MAX, type NewCaseValues } from './new-case-form'

type Translate = (key: string, named?: Record<string, unknown>) => string
type CodeLists = ReturnType<typeof useCodeListsStore>

export interface FormSection {
  key: 'basics' | 'place' | 'elements' | 'assessment'
  fields: FieldDefinition[]
}

/** Lists longer than this get a filter box. */
const LONG_LIST = 15

export function newCaseSections(t: Translate, codeLists: CodeLists, values: NewCaseValues, today: string): FormSection[] {
  const label = (name: string) => t(`newCase.fields.${name}`)
  const choose = t('newCase.choose')
  const provinces = codeLists.options('province')
  return [
    {
      key: 'basics',
      fields: [
        { name: 'title', kind: 'text', label: label('title'), required: true, maxlength: TITLE_MAX, hint: t('newCase.hints.title'), wide: true },
        { name: 'caseType', kind: 'select', label: label('caseType'), required: true, options: codeLists.options('case-type'), emptyLabel: choose },
        { name: 'origin', kind: 'select', label: label('origin'), required: true, options: codeLists.options('case-origin'), emptyLabel: choose },
        { name: 'intakeDate', kind: 'date', label: label('intakeDate'), required: true, hint: t('newCase.hints.date'), max: today },
        { name: 'factsDate', kind: 'date', label: label('factsDate'), hint: t('newCase.hints.factsDate'), max: today },
      ],
    },
    {
      key: 'place',
      fields: [
        {
          name: 'province',
          kind: 'select',
          label: label('province'),
          required: true,
          options: provinces,
          emptyLabel: choose,
          filterable: provinces.length > LONG_LIST,
        },
        { name: 'municipality', kind: 'text', label: label('municipality'), maxlength: MUNICIPALITY_MAX },
      ],
    },
    {
      key: 'elements',
      fields: [
        { name: 'exploitationForms', kind: 'checkboxes', label: label('exploitationForms'), options: codeLists.options('exploitation-form'), wide: true },
        { name: 'palermoActs', kind: 'checkboxes', label: label('palermoActs'), options: codeLists.options('palermo-act'), wide: true },
        { name: 'palermoMeans', kind: 'checkboxes', label: label('palermoMeans'), options: codeLists.options('palermo-mean'), wide: true },
        { name: 'smugglingRoute', kind: 'select', label: label('smugglingRoute'), options: codeLists.options('smuggling-route'), emptyLabel: t('newCase.none') },
      ],
    },
    {
      key: 'assessment',
      fields: [
        { name: 'priority', kind: 'select', label: label('priority'), required: true, options: PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) })) },
        { name: 'risk', kind: 'select', label: label('risk'), required: true, options: RISKS.map((value) => ({ value, label: t(`risk.${value}`) })) },
        { name: 'isComplex', kind: 'checkbox', label: label('isComplex'), hint: t('newCase.hints.isComplex'), wide: true },
        {
          name: 'summary',
          kind: 'textarea',
          label: label('summary'),
          maxlength: SUMMARY_MAX,
          hint: `${t('newCase.hints.summary')} ${t('newCase.hints.charactersLeft', { count: Math.max(SUMMARY_MAX - values.summary.length, 0) })}`,
          wide: true,
        },
      ],
    },
  ]
}

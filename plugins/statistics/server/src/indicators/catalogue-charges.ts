// The indicators of charges, offences and verdicts (UNODC Global Report, US TIP report). Their
// exact definitions are in docs/statistics.md, "Charges".
import { DIMENSIONS, UNKNOWN_LABEL, type Dimension, type Indicator, type Text } from './dimensions';

const known = (code: string, label: Text) => ({ code, label });

/** The stages a person reaches on the road of a charge: counted from charges (see docs). */
export const PERSON_STAGES = ['investigated', 'prosecuted', 'convicted'] as const;
/** TIP's three kinds of trafficking, from the case's forms of exploitation (meta.tipCategory). */
export const TIP_FORMS = ['sex', 'labour', 'unspecified'] as const;
/** Sentence bands in whole years, upper bound exclusive (`20-plus`: 20 years or more). */
export const SENTENCE_BANDS = [
  { code: 'lt-1', maxMonths: 12, label: { es: 'Menos de 1 año', en: 'Less than 1 year' } },
  { code: '1-4', maxMonths: 60, label: { es: '1 a 4 años', en: '1 to 4 years' } },
  { code: '5-9', maxMonths: 120, label: { es: '5 a 9 años', en: '5 to 9 years' } },
  { code: '10-14', maxMonths: 180, label: { es: '10 a 14 años', en: '10 to 14 years' } },
  { code: '15-19', maxMonths: 240, label: { es: '15 a 19 años', en: '15 to 19 years' } },
  { code: '20-plus', maxMonths: null, label: { es: '20 años o más', en: '20 years or more' } },
] as const;

export const CHARGE_DIMENSIONS = {
  offence: { key: 'offence', name: { es: 'Delito', en: 'Offence' }, codeList: 'offence', allCodes: true },
  lawVersion: { key: 'law-version', name: { es: 'Versión de la ley', en: 'Law version' }, codeList: 'law-version', allCodes: true },
  sex: DIMENSIONS.sex,
  nationality: DIMENSIONS.nationality,
  caseType: DIMENSIONS.caseType,
  personStage: {
    key: 'person-stage', name: { es: 'Etapa', en: 'Stage' }, allCodes: true,
    fixed: [
      known('investigated', { es: 'Investigadas', en: 'Investigated' }),
      known('prosecuted', { es: 'Procesadas', en: 'Prosecuted' }),
      known('convicted', { es: 'Condenadas', en: 'Convicted' }),
    ],
  },
  tipForm: {
    key: 'tip-form', name: { es: 'Tipo de trata', en: 'Kind of trafficking' }, allCodes: true,
    fixed: [
      known('sex', { es: 'Explotación sexual', en: 'Sex trafficking' }),
      known('labour', { es: 'Explotación laboral', en: 'Labour trafficking' }),
      known('unspecified', { es: 'Sin especificar o mixta', en: 'Unspecified or mixed' }),
    ],
  },
  sentenceBand: {
    key: 'sentence-band', name: { es: 'Pena impuesta', en: 'Sentence imposed' }, allCodes: true,
    fixed: [...SENTENCE_BANDS.map((b) => known(b.code, b.label)), known('unknown', UNKNOWN_LABEL)],
  },
} satisfies Record<string, Dimension>;

const D = CHARGE_DIMENSIONS;
const byCase = { es: 'en casos con fecha de entrada en el periodo', en: 'in cases with an intake date in the period' };

export const CHARGE_INDICATORS: Indicator[] = [
  {
    key: 'offences-recorded', group: 'global-report', name: { es: 'Delitos registrados por delito y versión de la ley', en: 'Offences recorded by offence and law version' },
    counts: { es: `Cargos (un delito imputado a una persona física o jurídica) ${byCase.es}, por la versión de la ley vigente en la fecha de los hechos.`, en: `Charges (one offence charged to one natural or legal person) ${byCase.en}, by the law version in force on the date of the facts.` },
    source: 'UNODC Global Report (offences recorded); ICCS 0204, 08051', rows: D.offence, columns: D.lawVersion,
  },
  {
    key: 'suspected-by-sex-citizenship', group: 'global-report', name: { es: 'Personas sospechosas por sexo y nacionalidad', en: 'Persons suspected by sex and citizenship' },
    counts: { es: `Personas físicas con al menos un cargo, en cualquier estado (una vez por caso), ${byCase.es}.`, en: `Natural persons with at least one charge, in any status (once per case), ${byCase.en}.` },
    source: 'UNODC Global Report (persons suspected)', rows: D.sex, columns: D.nationality,
  },
  {
    key: 'prosecuted-by-sex-citizenship', group: 'global-report', name: { es: 'Personas procesadas por sexo y nacionalidad', en: 'Persons prosecuted by sex and citizenship' },
    counts: { es: `Personas físicas con al menos un cargo formulado (imputado, acusado, condenado, absuelto, o archivado o retirado tras la imputación), una vez por caso, ${byCase.es}.`, en: `Natural persons with at least one charge brought (charged, indicted, convicted, acquitted, or dismissed or withdrawn after charging), once per case, ${byCase.en}.` },
    source: 'UNODC Global Report (persons prosecuted)', rows: D.sex, columns: D.nationality,
  },
  {
    key: 'convicted-by-sex-citizenship', group: 'global-report', name: { es: 'Personas condenadas por sexo y nacionalidad', en: 'Persons convicted by sex and citizenship' },
    counts: { es: `Personas físicas con al menos un cargo en estado condenado (una vez por caso), ${byCase.es}.`, en: `Natural persons with at least one convicted charge (once per case), ${byCase.en}.` },
    source: 'UNODC Global Report (persons convicted)', rows: D.sex, columns: D.nationality,
  },
  {
    key: 'tip-prosecutions-convictions', group: 'us-tip', name: { es: 'Investigaciones, procesamientos y condenas por trata, por tipo de explotación', en: 'Trafficking investigations, prosecutions and convictions by kind of exploitation' },
    counts: { es: `Personas físicas con un cargo de trata (ICCS 0204), una vez por caso en cada etapa alcanzada, ${byCase.es}; el tipo de explotación es el de las formas del caso.`, en: `Natural persons with a trafficking charge (ICCS 0204), once per case in each stage reached, ${byCase.en}; the kind of exploitation is that of the case's forms.` },
    source: 'US TIP report (prosecution)', rows: D.personStage, columns: D.tipForm,
  },
  {
    key: 'tip-sentence-lengths', group: 'us-tip', name: { es: 'Penas impuestas por duración y delito', en: 'Sentences imposed by length and offence' },
    counts: { es: `Cargos en estado condenado, por la pena impuesta, ${byCase.es}.`, en: `Convicted charges, by the sentence imposed, ${byCase.en}.` },
    source: 'US TIP report (sentences)', rows: D.sentenceBand, columns: D.offence,
  },
  {
    key: 'tip-officials', group: 'us-tip', name: { es: 'Funcionarios públicos investigados, procesados y condenados', en: 'Public officials investigated, prosecuted and convicted' },
    counts: { es: `Personas físicas marcadas como funcionario público en el caso, con al menos un cargo (cualquier delito), una vez por caso en cada etapa alcanzada, ${byCase.es}.`, en: `Natural persons flagged as public officials in the case, with at least one charge (any offence), once per case in each stage reached, ${byCase.en}.` },
    source: 'US TIP report (official complicity)', rows: D.personStage, columns: D.caseType,
  },
];

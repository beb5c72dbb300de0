// SDG 16.2.2 (victims per 100,000 population), the US TIP report's investigations and victims
// identified / referred / assisted, and smuggled migrants by nationality and route. Data only: the
// SQL is in services/units/sdg.ts, the rates in services/measures/sdg.ts, the rules in sdg.ts.
import { DIMENSIONS, type Dimension, type Indicator } from './dimensions';


const TIP_TYPE: Dimension = {
  key: 'tip-trafficking-type', name: { es: 'Tipo de trata (Informe TIP)', en: 'Kind of trafficking (TIP report)' }, allCodes: true,
  fixed: [
    { code: 'sex', label: { es: 'Trata con fines de explotación sexual', en: 'Sex trafficking' } },
    { code: 'labour', label: { es: 'Trata con fines de explotación laboral', en: 'Labour trafficking' } },
    { code: 'unspecified', label: { es: 'Trata sin especificar', en: 'Unspecified trafficking' } },
  ],
};

const VICTIM_STEP: Dimension = {
  key: 'tip-victim-step', name: { es: 'Identificación, derivación y asistencia', en: 'Identification, referral and assistance' }, allCodes: true,
  fixed: [
    { code: 'identified', label: { es: 'Identificadas', en: 'Identified' } },
    { code: 'referred', label: { es: 'Derivadas a servicios', en: 'Referred to services' } },
    { code: 'assisted', label: { es: 'Asistidas', en: 'Assisted' } },
  ],
};

const VICTIM_GROUP: Dimension = {
  key: 'tip-victim-group', name: { es: 'Sexo y nacionalidad', en: 'Sex and citizenship' }, allCodes: true,
  fixed: [
    { code: 'female-national', label: { es: 'Mujeres dominicanas', en: 'Female, Dominican' } },
    { code: 'female-foreign', label: { es: 'Mujeres extranjeras', en: 'Female, foreign' } },
    { code: 'male-national', label: { es: 'Hombres dominicanos', en: 'Male, Dominican' } },
    { code: 'male-foreign', label: { es: 'Hombres extranjeros', en: 'Male, foreign' } },
    { code: 'other-unknown', label: { es: 'Otro o sin dato', en: 'Other or not known' } },
  ],
};

const SMUGGLING_ROUTE: Dimension = { key: 'smuggling-route', name: { es: 'Ruta de tráfico', en: 'Smuggling route' }, codeList: 'smuggling-route', allCodes: true };

export const SDG_DIMENSIONS = { tipType: TIP_TYPE, victimStep: VICTIM_STEP, victimGroup: VICTIM_GROUP, smugglingRoute: SMUGGLING_ROUTE } satisfies Record<string, Dimension>;

export const SDG_INDICATORS: Indicator[] = [
  {
    key: 'sdg-victims-rate-sex-age', group: 'sdg-16-2-2', measure: 'rate-per-100000', requiresYear: true,
    name: { es: 'Víctimas de trata por 100 000 habitantes, por sexo y grupo de edad', en: 'Victims of trafficking per 100,000 population, by sex and age group' },
    counts: {
      es: 'Víctimas (una vez por caso) en casos con fecha de entrada en el año; la tasa divide por la población de ese año, sexo y edad (y provincia, si se filtra).',
      en: 'Victims (once per case) in cases with an intake date in the year; the rate divides by the population of that year, sex and age (and province, when filtered).',
    },
    source: 'SDG 16.2.2' , rows: DIMENSIONS.sex, columns: DIMENSIONS.ageGroup },
  {
    key: 'sdg-victims-rate-form-sex', group: 'sdg-16-2-2', measure: 'rate-per-100000', requiresYear: true,
    name: { es: 'Víctimas de trata por 100 000 habitantes, por forma de explotación y sexo', en: 'Victims of trafficking per 100,000 population, by form of exploitation and sex' },
    counts: {
      es: 'Víctimas (una vez por caso y forma de explotación) en casos con fecha de entrada en el año; la tasa divide por la población de ese año y sexo (y provincia, si se filtra).',
      en: 'Victims (once per case and form of exploitation) in cases with an intake date in the year; the rate divides by the population of that year and sex (and province, when filtered).',
    },
    source: 'SDG 16.2.2' , rows: DIMENSIONS.exploitationForm, columns: DIMENSIONS.sex },
  {
    key: 'tip-investigations-by-type', group: 'us-tip',
    name: { es: 'Investigaciones abiertas por tipo de caso y tipo de trata', en: 'Investigations opened by case type and kind of trafficking' },
    counts: {
      es: 'Casos con fecha de entrada en el periodo, según las formas de explotación del caso: sexual, laboral o sin especificar (un caso con ambas cuenta en las dos).',
      en: 'Cases with an intake date in the period, by the case\'s forms of exploitation: sex, labour or unspecified (a case with both counts in both).',
    },
    source: 'US TIP report' , rows: DIMENSIONS.caseType, columns: TIP_TYPE },
  {
    key: 'tip-victims-identified-referred-assisted', group: 'us-tip',
    name: { es: 'Víctimas identificadas, derivadas y asistidas, por sexo y nacionalidad', en: 'Victims identified, referred and assisted, by sex and citizenship' },
    counts: {
      es: 'Víctimas (una vez por caso) en casos con fecha de entrada en el periodo; derivadas: con una derivación a servicios; asistidas: con una derivación aceptada, en curso o concluida, o una medida de protección.',
      en: 'Victims (once per case) in cases with an intake date in the period; referred: with a service referral; assisted: with a referral accepted, in progress or completed, or a protection measure.',
    },
    source: 'US TIP report', rows: VICTIM_STEP, columns: VICTIM_GROUP,
  },
  {
    key: 'smuggled-migrants-by-nationality-route', group: 'operational',
    name: { es: 'Migrantes objeto de tráfico por nacionalidad y ruta', en: 'Smuggled migrants by citizenship and route' },
    counts: {
      es: 'Personas con el rol de migrante objeto de tráfico (una vez por caso) en casos con fecha de entrada en el periodo, por la ruta de tráfico del caso.',
      en: 'Persons with the role of smuggled migrant (once per case) in cases with an intake date in the period, by the case\'s smuggling route.',
    },
    source: 'Operational' , rows: DIMENSIONS.nationality, columns: SMUGGLING_ROUTE },
];

// The words for refusals and validation problems, in Spanish and English. Codes are stable; the
// portal may show its own wording for a code, but the server's message is always complete.
import type { Reason, ReasonCode } from './definition';

export type Lang = 'es' | 'en';
type Params = Record<string, string | number>;
type Words = Record<Lang, (p: Params) => string>;

const REASONS: Record<ReasonCode, Words> = {
  'cannot-edit-case': {
    es: () => 'Solo el procurador(a) titular y los fiscales del equipo del caso pueden cambiar su etapa.',
    en: () => 'Only the chief prosecutor and the prosecutors on the case team may change its stage.',
  },
  'unknown-state': {
    es: (p) => `El caso está en la etapa «${p.state}», que el flujo «${p.workflow}» no conoce. Pida al administrador que revise el flujo.`,
    en: (p) => `The case is in stage «${p.state}», which workflow «${p.workflow}» does not know. Ask the configurator to check the workflow.`,
  },
  'no-such-transition': {
    es: (p) => `El flujo no permite pasar de «${p.from}» a «${p.to}».`,
    en: (p) => `The workflow does not allow a move from «${p.from}» to «${p.to}».`,
  },
  'role-not-allowed': {
    es: (p) => `Solo pueden hacer este paso: ${p.roles}.`,
    en: (p) => `Only these roles may make this move: ${p.roles}.`,
  },
  'step-not-done': {
    es: (p) => `Falta completar el paso «${p.title ?? p.step}» del protocolo.`,
    en: (p) => `The protocol step «${p.title ?? p.step}» is not done yet.`,
  },
  'gate-step-open': {
    es: (p) => `El paso «${p.title ?? p.step}» del protocolo «${p.templateName ?? p.template}» debe completarse (o marcarse como no aplicable, con una nota) antes de salir de esta etapa.`,
    en: (p) => `Step «${p.title ?? p.step}» of protocol «${p.templateName ?? p.template}» must be done (or marked not applicable, with a note) before leaving this stage.`,
  },
  'coercion-request-missing': {
    es: () => 'Antes debe registrarse la solicitud de medida de coerción.',
    en: () => 'The coercive-measure request must be recorded first.',
  },
  'open-protection-measure': {
    es: (p) => `Hay ${p.count} medida(s) de protección vigente(s) para víctimas del caso.`,
    en: (p) => `${p.count} protection measure(s) for victims of the case are still in force.`,
  },
  'no-accused': {
    es: () => 'El caso no tiene ningún imputado o acusado registrado.',
    en: () => 'The case has no charged party (imputado or acusado) on record.',
  },
  'unknown-guard': {
    es: (p) => `La condición «${p.guard}» no existe en el sistema. Pida al administrador que corrija el flujo.`,
    en: (p) => `The condition «${p.guard}» does not exist in the system. Ask the configurator to fix the workflow.`,
  },
};

export function reasonMessage(reason: Pick<Reason, 'code' | 'params'>, lang: Lang): string {
  return REASONS[reason.code][lang](reason.params ?? {});
}

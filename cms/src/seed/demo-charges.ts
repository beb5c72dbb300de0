// Synthetic charges for the demo cases: the accused of a case are charged as far as its stage has
// gone (suspected in investigation, charged after the arrest, indicted at the hearing, a verdict
// from judgment on). Pure and deterministic for its random source; drawn from a stream of its own,
// so the cases and parties of a seed stay what they were before charges existed.
import type { Rng } from './demo-data';

export interface DemoCharge {
  caseIndex: number;
  partyIndex: number;
  offence: string;
  status: 'suspected' | 'charged' | 'indicted' | 'convicted' | 'acquitted' | 'dismissed' | 'withdrawn';
  chargedAt: string | null;
  verdictAt: string | null;
  sentenceMonths: number | null;
  aggravating: string[];
}

interface CaseLike { caseType: string; stage: string; intakeDate: string }
interface PartyLike { caseIndex: number; role: string; isPublicOfficial: boolean }

const CHARGEABLE_ROLES = new Set(['suspect', 'imputado', 'acusado', 'condenado', 'absuelto', 'legal-person']);
/** Sentence ranges in months by offence, roughly the penalties of the law (DOMAIN.md). */
const SENTENCES: Record<string, [number, number]> = {
  'trata-personas': [120, 300],
  'trafico-migrantes': [120, 180],
  'trafico-con-muerte': [240, 480],
  'delito-conexo': [6, 60],
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const notAfter = (date: string, today: string) => (date > today ? today : date);

function offencesFor(caseType: string, r: Rng): string[] {
  if (caseType === 'trata') return ['trata-personas'];
  if (caseType === 'trafico') return [r.chance(0.08) ? 'trafico-con-muerte' : 'trafico-migrantes'];
  if (caseType === 'ambos') return ['trata-personas', 'trafico-migrantes'];
  return ['delito-conexo'];
}

function statusFor(stage: string, r: Rng): DemoCharge['status'] | null {
  switch (stage) {
    case 'intake': return null;
    case 'investigation': return 'suspected';
    case 'arrest': case 'coercive-measure': case 'conclusive-act': return 'charged';
    case 'preliminary-hearing': case 'trial': return 'indicted';
    case 'judgment': case 'appeal': case 'enforcement': return r.chance(0.75) ? 'convicted' : 'acquitted';
    default: { // closed
      const x = r.next();
      return x < 0.5 ? 'convicted' : x < 0.7 ? 'acquitted' : x < 0.9 ? 'dismissed' : 'withdrawn';
    }
  }
}

export function buildDemoCharges(cases: readonly CaseLike[], parties: readonly PartyLike[], r: Rng, today: string): DemoCharge[] {
  const charges: DemoCharge[] = [];
  parties.forEach((party, partyIndex) => {
    if (!CHARGEABLE_ROLES.has(party.role)) return;
    const c = cases[party.caseIndex]!;
    for (const offence of offencesFor(c.caseType, r)) {
      const status = statusFor(c.stage, r);
      if (!status) continue;
      // A charge date from "charged" on, and for a dismissal or withdrawal now and then.
      const charged = status !== 'suspected' && (status !== 'withdrawn' || r.chance(0.3));
      const chargedAt = charged ? notAfter(addDays(c.intakeDate, 30 + r.int(90)), today) : null;
      const decided = status === 'convicted' || status === 'acquitted';
      const verdictAt = decided ? notAfter(addDays(chargedAt ?? c.intakeDate, 200 + r.int(400)), today) : null;
      const [min, max] = SENTENCES[offence] ?? [12, 120];
      const sentenceMonths = status === 'convicted' && party.role !== 'legal-person' ? min + r.int(max - min + 1) : null;
      const aggravating = [...(party.isPublicOfficial ? ['public-official'] : []), ...(offence === 'trata-personas' && r.chance(0.25) ? ['organised-crime'] : [])];
      charges.push({ caseIndex: party.caseIndex, partyIndex, offence, status, chargedAt, verdictAt, sentenceMonths, aggravating });
    }
  });
  return charges;
}

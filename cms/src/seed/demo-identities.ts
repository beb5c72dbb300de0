// Synthetic identities for the demo people, visibly fictional: every family name carries
// "(ficticio)" or "(ficticia)", cédula numbers start with 000 (no real series does), e-mail
// addresses use the reserved .invalid domain and phones the 555 range. Pure and deterministic.
import type { Identity } from '@pett/vault/dist/server/identity/identity';
import type { DemoPerson, Rng } from './demo-data';


const FEMALE = ['Ana', 'María', 'Rosa', 'Yokasta', 'Altagracia', 'Daniela', 'Nathalie', 'Marie-Ange', 'Wendy', 'Carolina', 'Esther', 'Yanelis'];
const MALE = ['Juan', 'José', 'Pedro', 'Wilson', 'Jean-Baptiste', 'Ramón', 'Luis', 'Franklin', 'Rafael', 'Miguel', 'Andrés', 'Kelvin'];
/** Family names of the synthetic identities (a test looks for them where they must not be). */
export const DEMO_FAMILY_NAMES = ['Pérez', 'Rodríguez', 'Núñez', 'Joseph', 'Peña', 'Báez', 'Santana', 'Pierre', 'De la Cruz', 'Mejía', 'Jiménez', 'Desir', 'Castillo', 'Batista'];
const STREETS = ['Calle Ficticia', 'Avenida Imaginaria', 'Callejón Inventado', 'Calle Demostración'];
const ALIASES = ['La Flaca', 'El Moreno', 'Chino', 'La Rubia', 'El Haitiano', 'Morena'];
const COMPANIES = ['Inversiones', 'Servicios Turísticos', 'Agroindustrial', 'Transporte Marítimo', 'Entretenimiento'];

const digits = (r: Rng, n: number) => Array.from({ length: n }, () => String(r.int(10))).join('');
const pad = (n: number) => String(n).padStart(2, '0');

export function demoIdentity(person: DemoPerson, index: number, r: Rng): Identity {
  if (person.personKind === 'legal') {
    return {
      givenNames: null,
      familyNames: `${r.pick(COMPANIES)} Demo ${index} SRL (ficticia)`,
      aliases: [],
      documents: [{ kind: 'other', number: `RNC-000${digits(r, 6)}`, country: 'do' }],
      dateOfBirth: null, phones: [`809-555-${digits(r, 4)}`], email: `empresa${index}@ejemplo.invalid`,
      addresses: [`${r.pick(STREETS)} ${1 + r.int(200)}, local ${1 + r.int(20)}`], nextOfKin: [],
    };
  }
  const female = person.sex === 'f' || (person.sex !== 'm' && r.chance(0.5));
  const given = r.pick(female ? FEMALE : MALE);
  const family = `${r.pick(DEMO_FAMILY_NAMES)} ${r.pick(DEMO_FAMILY_NAMES)} (${female ? 'ficticia' : 'ficticio'})`;
  const year = person.birthYear;
  const documents = person.nationality === 'do'
    ? [{ kind: 'cedula', number: `000-${digits(r, 7)}-${digits(r, 1)}`, country: 'do' }]
    : r.chance(0.6) ? [{ kind: 'passport', number: `FX${digits(r, 7)}`, country: person.nationality }] : [];
  return {
    givenNames: given,
    familyNames: family,
    aliases: r.chance(0.2) ? [r.pick(ALIASES)] : [],
    documents,
    dateOfBirth: year ? `${year}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))}` : null,
    phones: r.chance(0.7) ? [`829-555-${digits(r, 4)}`] : [],
    email: r.chance(0.3) ? `persona${index}@ejemplo.invalid` : null,
    addresses: r.chance(0.6) ? [`${r.pick(STREETS)} ${1 + r.int(200)}, sector Demo`] : [],
    nextOfKin: r.chance(0.4) ? [{ name: `${r.pick(FEMALE)} ${r.pick(DEMO_FAMILY_NAMES)} (ficticia)`, relationship: r.pick(['madre', 'hermana', 'tía', 'pareja']), phone: `809-555-${digits(r, 4)}` }] : [],
  };
}

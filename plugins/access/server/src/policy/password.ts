// Password rules for every account. Pure: the list of the 10,000 most common passwords
// (config/security/common-passwords.txt) is passed in; a few local ones are always refused.
export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-identity' | 'too-simple';

const WORST = ['password', 'contraseña', 'contrasena', '123456789', 'qwertyuiop', 'administrador', 'admin1234', 'procuraduria', 'republicadominicana', 'santodomingo', 'pett12345678', 'changeme'];

export function passwordProblems(password: string, identity: string[] = [], common: ReadonlySet<string> = new Set()): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  if (password.length < 12) problems.push('too-short');
  if (password.length > 128) problems.push('too-long');
  if (common.has(lower) || WORST.some((w) => lower.includes(w))) problems.push('common');
  const parts = identity.flatMap((id) => id.toLowerCase().split(/[@.\s_-]+/)).filter((p) => p.length >= 4);
  if (parts.some((p) => lower.includes(p))) problems.push('contains-identity');
  if (new Set(password).size < 6) problems.push('too-simple');
  return problems;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, { es: string; en: string }> = {
  'too-short': { es: 'La contraseña debe tener al menos 12 caracteres.', en: 'The password must have at least 12 characters.' },
  'too-long': { es: 'La contraseña no puede tener más de 128 caracteres.', en: 'The password cannot have more than 128 characters.' },
  common: { es: 'La contraseña es demasiado común.', en: 'The password is too common.' },
  'contains-identity': { es: 'La contraseña no puede contener el usuario ni el correo.', en: 'The password cannot contain the username or the e-mail.' },
  'too-simple': { es: 'La contraseña repite demasiado los mismos caracteres.', en: 'The password repeats the same characters too much.' },
};

/** Reads a list file: one password a line, `#` lines are comments. */
export function parsePasswordList(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).filter((line) => line && !line.startsWith('#')).map((line) => line.toLowerCase()));
}

// Spanish wording for the generic errors that Strapi and its plugins raise in English.
const SPANISH: Record<string, string> = {
  'Not Found': 'No se encontró el recurso o no tiene acceso a él.',
  NotFound: 'No se encontró el recurso o no tiene acceso a él.',
  Forbidden: 'No tiene permiso para realizar esta acción.',
  Unauthorized: 'Debe iniciar sesión para continuar.',
  'Missing or invalid credentials': 'Debe iniciar sesión para continuar.',
  'Invalid identifier or password': 'Usuario o contraseña incorrectos.',
  'Too many requests, please try again later.': 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
  'Internal Server Error': 'Error interno del servidor. Inténtelo de nuevo más tarde.',
  'Bad Request': 'Solicitud no válida.',
  'Your account has been blocked by an administrator': 'Su cuenta ha sido bloqueada por un administrador.',
  'Method Not Allowed': 'Método no permitido.',
};

const PREFIXES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Invalid key (.+)$/, (m) => `Clave no válida: ${m[1]}.`],
  [/^Invalid relation key (.+)$/, (m) => `Relación no válida: ${m[1]}.`],
  [/^Invalid parameter (.+)$/, (m) => `Parámetro no válido: ${m[1]}.`],
];

export function spanishFor(message: string): string | undefined {
  if (SPANISH[message]) return SPANISH[message];
  for (const [pattern, render] of PREFIXES) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return undefined;
}

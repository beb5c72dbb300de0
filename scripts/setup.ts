// npm run setup: the production path. Secrets, build, migrations and catalogues, then the first
// configurator (admin panel, plus the portal account whose second factor guards it) and the first
// chief prosecutor, from the environment or a prompt. No demo data, and weak passwords are refused.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { buildAll } from './lib/build.ts';
import { ensureEnvFile } from './lib/env.ts';
import { ROOT } from './lib/paths.ts';
import { requireCjs, withStrapi } from './lib/strapi-app.ts';

const { passwordProblems, parsePasswordList, PASSWORD_MESSAGES } = requireCjs('../../plugins/access/dist/server/policy/password.js') as typeof import('../plugins/access/server/src/policy/password.ts');
const COMMON_PASSWORDS_FILE = path.join(process.env.PETT_CONFIG_DIR ?? path.join(ROOT, 'config'), 'security', 'common-passwords.txt');

async function ask(rl: readline.Interface | null, envName: string, question: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv.trim();
  if (!rl) throw new Error(`${envName} is not set and there is no terminal to ask: set it in the environment.`);
  return (await rl.question(`${question}: `)).trim();
}

/** The portal's password rules, the list of common passwords included. */
function refuseWeak(password: string, identity: string[], who: string): void {
  const problems = passwordProblems(password, identity, parsePasswordList(fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8')));
  if (problems.length) throw new Error(`${who}: ${problems.map((p) => PASSWORD_MESSAGES[p].es).join(' ')}`);
}

async function main() {
  ensureEnvFile();
  buildAll({ admin: true });
  const rl = stdin.isTTY ? readline.createInterface({ input: stdin, output: stdout }) : null;
  try {
    const adminEmail = await ask(rl, 'PETT_ADMIN_EMAIL', 'Correo del administrador funcional (configurador)');
    const adminPassword = await ask(rl, 'PETT_ADMIN_PASSWORD', 'Contraseña del configurador (mínimo 12 caracteres)');
    refuseWeak(adminPassword, [adminEmail], 'Configurador');
    const chiefUsername = await ask(rl, 'PETT_CHIEF_USERNAME', 'Usuario del procurador(a) titular');
    const chiefEmail = await ask(rl, 'PETT_CHIEF_EMAIL', 'Correo del procurador(a) titular');
    const chiefPassword = await ask(rl, 'PETT_CHIEF_PASSWORD', 'Contraseña del procurador(a) titular (mínimo 12 caracteres)');
    refuseWeak(chiefPassword, [chiefUsername, chiefEmail], 'Procurador(a) titular');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(chiefEmail)) throw new Error('Correo no válido.');

    await withStrapi({ PETT_DEMO: 'false' }, async (strapi) => {
      const admins = strapi.service('admin::user') as unknown as { exists(): Promise<boolean>; create(a: object): Promise<unknown> };
      if (await admins.exists()) {
        console.log('[PETT] Ya existe un administrador: no se crea otro.');
      } else {
        const superAdmin = (await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as { id: number };
        await admins.create({ email: adminEmail.toLowerCase(), firstname: 'Configurador', lastname: 'PETT', password: adminPassword, isActive: true, registrationToken: null, roles: [superAdmin.id] });
        console.log('[PETT] Configurador creado.');
      }
      const users = strapi.plugin('users-permissions').service('user');
      // The admin panel asks for the second factor of the portal configurator with the same e-mail.
      // It signs in to the portal with that e-mail, and starts with the same (checked) password.
      const twin = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: { $eqi: adminEmail } }, populate: ['role'] })) as { role?: { type?: string } } | null;
      if (twin) {
        console.log(twin.role?.type === 'configurator'
          ? '[PETT] La cuenta del configurador en el portal ya existe: no se modifica.'
          : '[PETT] AVISO: ya existe una cuenta del portal con ese correo, pero sin el rol de configurador: /admin no aceptará su segundo factor.');
      } else {
        const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'configurator' } })) as { id: number };
        await users.add({ username: adminEmail.toLowerCase(), email: adminEmail.toLowerCase(), password: adminPassword, provider: 'local', confirmed: true, blocked: false, role: role.id });
        console.log('[PETT] Cuenta del configurador en el portal creada (usuario: su correo, la misma contraseña).');
      }
      const existing = await strapi.db.query('plugin::users-permissions.user').count({ where: { $or: [{ username: chiefUsername }, { email: chiefEmail.toLowerCase() }] } });
      if (existing) {
        console.log('[PETT] El usuario del procurador(a) titular ya existe: no se modifica.');
      } else {
        const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'chief-prosecutor' } })) as { id: number };
        await users.add({ username: chiefUsername, email: chiefEmail.toLowerCase(), password: chiefPassword, provider: 'local', confirmed: true, blocked: false, role: role.id });
        console.log('[PETT] Procurador(a) titular creado(a).');
      }
    });
    console.log('[PETT] Instalación lista. Inicie el servidor con PETT_DEMO=false npm start.');
    console.log(`[PETT] Antes de usar /admin, el configurador inicia sesión en el portal con ${adminEmail.toLowerCase()} y activa el segundo factor. Después, en /admin, escribe la contraseña seguida, sin espacio, del código de 6 dígitos.`);
  } finally {
    rl?.close();
  }
}

main().catch((error: Error) => {
  console.error(`[PETT] ${error.message}`);
  process.exit(1);
});

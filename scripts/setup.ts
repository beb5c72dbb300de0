// npm run setup: the production path. Secrets, build, migrations and catalogues, then the first
// configurator (admin panel) and the first chief prosecutor, from the environment or a prompt.
// No demo data, and weak passwords are refused.
import readline from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { buildAll } from './lib/build.ts';
import { ensureEnvFile } from './lib/env.ts';
import { requireCjs, withStrapi } from './lib/strapi-app.ts';

const { passwordProblems, PASSWORD_MESSAGES } = requireCjs('../../plugins/access/dist/server/policy/password.js') as typeof import('../plugins/access/server/src/policy/password.ts');

async function ask(rl: readline.Interface | null, envName: string, question: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv.trim();
  if (!rl) throw new Error(`${envName} is not set and there is no terminal to ask: set it in the environment.`);
  return (await rl.question(`${question}: `)).trim();
}

function refuseWeak(password: string, identity: string[], who: string): void {
  const problems = passwordProblems(password, identity);
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
  } finally {
    rl?.close();
  }
}

main().catch((error: Error) => {
  console.error(`[PETT] ${error.message}`);
  process.exit(1);
});

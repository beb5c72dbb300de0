// npm start: secrets, build what changed, then serve the portal, the admin panel and the API
// from one process, with the demo data set on first start (PETT_DEMO=false to skip it).
import { ensureEnvFile } from './lib/env.ts';
import { buildAll } from './lib/build.ts';
import { startServer } from './lib/server.ts';

const env = ensureEnvFile();
buildAll({ admin: true });
const port = process.env.PORT ?? env.PORT ?? '1337';
const child = startServer({ ...env, PETT_DEMO: process.env.PETT_DEMO ?? env.PETT_DEMO ?? 'true', PORT: port }, { inherit: true });
console.log(`[PETT] Portal: http://localhost:${port}/  ·  Panel de administración: http://localhost:${port}/admin  ·  API: http://localhost:${port}/api`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

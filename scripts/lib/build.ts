// Builds what changed: the plugins and the cms (TypeScript), the Strapi admin panel, the portal.
// Each step is skipped when the hash of its inputs matches the last successful build.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { CMS_DIR, PLUGINS_DIR, PORTAL_DIR, ROOT, STRAPI_BIN } from './paths.ts';

const STAMPS = path.join(ROOT, 'node_modules', '.cache', 'pett-build');
const SKIP = new Set(['node_modules', 'dist', '.strapi', '.cache', 'coverage', '.tmp', 'uploads']);

function listFiles(entry: string, out: string[] = []): string[] {
  if (!fs.existsSync(entry)) return out;
  const stat = fs.statSync(entry);
  if (stat.isFile()) return out.push(entry), out;
  for (const name of fs.readdirSync(entry).sort()) {
    if (SKIP.has(name) || name.endsWith('.test.ts')) continue;
    listFiles(path.join(entry, name), out);
  }
  return out;
}

export function hashInputs(inputs: string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of listFiles(input)) {
      hash.update(path.relative(ROOT, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', ...env } });
  if (result.status !== 0) throw new Error(`build step failed: ${command} ${args.join(' ')} (in ${path.relative(ROOT, cwd) || '.'})`);
}

interface Step { name: string; inputs: string[]; output: string; build: () => void }

function step({ name, inputs, output, build }: Step, force: boolean): boolean {
  const digest = hashInputs(inputs);
  const stampFile = path.join(STAMPS, name);
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (!force && stamp === digest && fs.existsSync(output)) {
    console.log(`[PETT] ${name}: sin cambios, no se compila.`);
    return false;
  }
  console.log(`[PETT] ${name}: compilando...`);
  build();
  fs.mkdirSync(STAMPS, { recursive: true });
  fs.writeFileSync(stampFile, digest);
  return true;
}

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const LOCK = path.join(ROOT, 'package-lock.json');

/** The plugins in build order: one that imports another's compiled output (`@pett/x/dist`) after it. */
export function pluginBuildOrder(names: string[], importsOf: (name: string) => string[]): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name) || path.includes(name)) return;
    for (const dep of importsOf(name)) if (names.includes(dep) && dep !== name) visit(dep, [...path, name]);
    order.push(name);
  };
  for (const name of [...names].sort()) visit(name, []);
  return order;
}

function pettImportsOf(name: string): string[] {
  const found = new Set<string>();
  for (const file of listFiles(path.join(PLUGINS_DIR, name, 'server'))) {
    if (!file.endsWith('.ts')) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/@pett\/([a-z-]+)\/dist/g)) found.add(m[1]!);
  }
  return [...found];
}

export function buildAll(options: { admin: boolean }): void {
  let pluginsChanged = false;
  for (const name of pluginBuildOrder(fs.readdirSync(PLUGINS_DIR), pettImportsOf)) {
    const dir = path.join(PLUGINS_DIR, name);
    if (!fs.existsSync(path.join(dir, 'tsconfig.json'))) continue;
    pluginsChanged = step({ name: `plugin-${name}`, inputs: [path.join(dir, 'server'), path.join(dir, 'tsconfig.json'), path.join(ROOT, 'tsconfig.base.json')], output: path.join(dir, 'dist', 'server', 'index.js'), build: () => run(process.execPath, [TSC, '-p', 'tsconfig.json'], dir) }, false) || pluginsChanged;
  }
  const cmsInputs = [path.join(CMS_DIR, 'src'), path.join(CMS_DIR, 'config'), path.join(CMS_DIR, 'tsconfig.json'), path.join(ROOT, 'tsconfig.base.json')];
  let adminBuilt = false;
  if (options.admin) {
    adminBuilt = step({ name: 'admin-panel', inputs: [path.join(CMS_DIR, 'package.json'), path.join(CMS_DIR, 'src', 'admin'), LOCK], output: path.join(CMS_DIR, 'dist', 'build', 'index.html'), build: () => run(process.execPath, [STRAPI_BIN, 'build', '--minify'], CMS_DIR, { NODE_ENV: 'production' }) }, false);
  }
  // The admin build empties dist/, so the server code is compiled again after it.
  step({ name: 'cms', inputs: cmsInputs, output: path.join(CMS_DIR, 'dist', 'src', 'index.js'), build: () => run(process.execPath, [TSC, '-p', 'tsconfig.json'], CMS_DIR) }, adminBuilt || pluginsChanged);
  step({ name: 'portal', inputs: [path.join(PORTAL_DIR, 'src'), path.join(PLUGINS_DIR, 'forms', 'server', 'src', 'definition', 'visibility.ts'), path.join(PORTAL_DIR, 'index.html'), path.join(PORTAL_DIR, 'vite.config.ts'), path.join(PORTAL_DIR, 'package.json'), path.join(PORTAL_DIR, 'public')], output: path.join(PORTAL_DIR, 'dist', 'index.html'), build: () => run(process.execPath, [VITE, 'build'], PORTAL_DIR) }, false);
}

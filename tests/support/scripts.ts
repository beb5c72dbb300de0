// Runs one of the operator's commands (scripts/*.ts) against a test target, as `npm run` would.
import path from 'node:path';
import { spawn } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ScriptRun<T> { status: number | null; json: T | null; output: string }

/** Runs scripts/<name>.ts with the target's environment plus `env`; `json` is the last stdout line parsed. */
export function runScript<T = unknown>(name: string, env: Record<string, string>, args: string[] = []): Promise<ScriptRun<T>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${name}.ts`), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (c) => ((stdout += c), (output += c)));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (status) => {
      let json: T | null = null;
      try {
        json = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
      } catch {
        // not JSON: see `output`
      }
      resolve({ status, json, output });
    });
  });
}

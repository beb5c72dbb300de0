// One-time codes for the demo users in tests. The server accepts each time step once per user, so
// several sign-ins of one user in a run take successive steps (the server allows one step ahead),
// waiting for the clock when they run out. Steps used are kept in the target's folder.
import fs from 'node:fs';
import path from 'node:path';
import { generateSync } from 'otplib';

const STEP = 30;

export async function nextCode(dir: string, username: string, secret: string): Promise<string> {
  const file = path.join(dir, 'totp-steps.json');
  const used = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as Record<string, number>;
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / STEP);
    const step = Math.max(current - 1, (used[username] ?? -Infinity) + 1);
    if (step <= current + 1) {
      used[username] = step;
      fs.writeFileSync(file, JSON.stringify(used));
      return generateSync({ secret, epoch: step * STEP + 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, ((step - 1) * STEP - Date.now() / 1000) * 1000 + 200));
  }
}

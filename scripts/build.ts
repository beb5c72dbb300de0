// npm run build [-- --no-admin]: compile what changed.
import { buildAll } from './lib/build.ts';

buildAll({ admin: !process.argv.includes('--no-admin') });

// SQLite file under data/ by default (WAL, synchronous=FULL, foreign keys on); PostgreSQL via DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';

type SqliteConnection = { pragma: (sql: string) => unknown };

export default ({ env }: { env: (key: string, fallback?: string) => string }) => {
  const url = env('DATABASE_URL', '');
  if (url) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: url,
          ssl: env('DATABASE_SSL', 'false') === 'true' ? { rejectUnauthorized: true } : false,
        },
        pool: { min: 0, max: Number(env('DATABASE_POOL_MAX', '10')) },
        acquireConnectionTimeout: 60000,
      },
    };
  }
  const filename = path.resolve(env('DATABASE_FILENAME', path.join(dataDir(), 'pett.db')));
  fs.mkdirSync(path.dirname(filename), { recursive: true, mode: 0o700 });
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = FULL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    },
  };
};

export default ({ env }: { env: ((key: string, fallback?: string) => string) & { array: (key: string) => string[]; int: (key: string, fallback: number) => number } }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: { keys: env.array('APP_KEYS') },
  proxy: env('TRUST_PROXY', 'false') === 'true',
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});

export default ({ env }: { env: (key: string, fallback?: string) => string }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  // Tests and headless deployments run without the admin panel bundle.
  serveAdminPanel: env('SERVE_ADMIN_PANEL', 'true') !== 'false',
  flags: { nps: false, promoteEE: false },
});

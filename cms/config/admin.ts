import { previewUrl } from '@pett/forms/dist/server/definition/preview-token';

const FORM_DEFINITION_UID = 'plugin::forms.form-definition';

export default ({ env }: { env: (key: string, fallback?: string) => string }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  // Tests and headless deployments run without the admin panel bundle.
  serveAdminPanel: env('SERVE_ADMIN_PANEL', 'true') !== 'false',
  flags: { nps: false, promoteEE: false },
  // "Preview" beside a form in the content manager: the portal draws the draft as staff will see it,
  // from a short-lived signed link (plugins/forms, definition/preview-token.ts). Same origin only.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: ["'self'"],
      async handler(uid: string, { documentId }: { documentId: string }) {
        return uid === FORM_DEFINITION_UID ? previewUrl(documentId, env('ADMIN_JWT_SECRET')) : null;
      },
    },
  },
});

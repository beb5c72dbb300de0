// Content-type UIDs of the vault plugin.
export const IDENTITY_UID = 'plugin::vault.identity';
export const BLIND_INDEX_UID = 'plugin::vault.blind-index';
export const KEY_CHECK_UID = 'plugin::vault.key-check';
export const REVEAL_UID = 'plugin::vault.reveal';
export const FILE_UID = 'plugin::vault.file';

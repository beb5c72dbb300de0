// PETT vault plugin: identities sealed with AES-256-GCM under a versioned key ring kept outside the
// database, blind indexes for exact search, reveal records, key rotation.
import bootstrap from './bootstrap';
import contentTypes from './content-types';
import { createVaultService } from './services/vault';

export default {
  bootstrap,
  contentTypes,
  services: { vault: createVaultService },
  config: {
    default: { keyRing: { file: '' }, filesDir: '' },
    validator(config: { keyRing?: { file?: unknown; env?: unknown }; filesDir?: unknown }) {
      if (typeof config.keyRing?.file !== 'string' || !config.keyRing.file) throw new Error('vault plugin: keyRing.file must name the key ring file');
      if (typeof config.filesDir !== 'string' || !config.filesDir) throw new Error('vault plugin: filesDir must name the folder of sealed files');
    },
  },
};

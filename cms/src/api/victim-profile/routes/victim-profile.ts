import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::victim-profile.victim-profile');

import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::victim-profile.victim-profile');

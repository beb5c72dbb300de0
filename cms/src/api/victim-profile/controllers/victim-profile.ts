import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::victim-profile.victim-profile');

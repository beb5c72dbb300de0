import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::case-party.case-party');

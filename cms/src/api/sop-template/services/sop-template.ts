import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::sop-template.sop-template');

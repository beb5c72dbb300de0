import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::sop-template.sop-template');

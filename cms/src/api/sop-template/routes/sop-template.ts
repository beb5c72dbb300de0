import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::sop-template.sop-template');

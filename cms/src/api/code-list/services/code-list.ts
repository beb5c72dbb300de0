import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::code-list.code-list');

import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::code-list.code-list');

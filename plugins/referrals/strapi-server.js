'use strict';
// Strapi loads plugins as CommonJS: the TypeScript sources compile to dist/ (npm run build).
module.exports = require('./dist/server/index.js').default;

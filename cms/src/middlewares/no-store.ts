// API answers may carry case data: never let a browser or proxy keep them.
import type { Context, Next } from 'koa';
export default () => {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.path.startsWith('/api/') || ctx.path === '/api') {
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Pragma', 'no-cache');
    }
  };
};

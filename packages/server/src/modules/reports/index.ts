/** GET /reports/lybunt, /sybunt, /donors-by-year, /gift-totals, /overview. */
export { reportRoutes } from './routes.ts';

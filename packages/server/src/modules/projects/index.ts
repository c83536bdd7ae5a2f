/** Routes for projects (funds) and budget lines. */
export { projectRoutes } from './routes.ts';
/** Looking up projects and budget lines, for the flows that move money into and out of them. */
export {
  findProject,
  projectBySlug,
  findBudgetLine,
  budgetLinesOf,
  listProjects as listProjectRows,
  type ProjectRow,
  type BudgetLineRow,
} from './repo.ts';
/** The minor-units schema shared by every money input. */
export { minorUnits } from './schemas.ts';
/** The projects table, for flows and the public pages. */
export { projects, budgetLines } from './tables.ts';
/** Creating a project with its budget lines (the route's service, also used by the demo). */
export { createProject } from './service.ts';

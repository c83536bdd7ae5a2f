/** GET /contacts (list, search, count) and /segments. */
export { segmentRoutes } from './routes.ts';
/** Filters and segments as SQL over `contacts c`, for exports and reports. */
export { contactQuery, compileContext, getSegment, segmentDefinition, checkDefinition } from './service.ts';
/** The list filters' zod schema and type. */
export { contactFilters, type ContactFilters } from './schemas.ts';
/** Raw-row helper and contact queries shared with exports. */
export { rowsOf, isoText, matchCondition, countContacts, type ContactQuery } from './repo.ts';
/** The segment definition language. */
export { parseDefinition, type SegmentNode } from './definition.ts';
/** Period boundaries on the organization's calendar. */
export { yearIn, type CompileContext } from './compile.ts';

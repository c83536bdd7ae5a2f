/** Forms (表单): staff build them, the public answers them, answers go into contacts. */
export { formRoutes } from './routes.ts';
export { publicForm, submitResponse, formOpen } from './submit.ts';
export { isShown, type RawAnswers } from './answers.ts';
export type { FieldDef, FormSettings } from './schemas.ts';
export type { FormRow } from './repo.ts';

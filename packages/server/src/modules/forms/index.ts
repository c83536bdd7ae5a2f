/** Forms (表单): staff build them, the public answers them, answers go into contacts. */
export { formRoutes } from './routes.ts';
export { publicForm, submitResponse, formOpen } from './submit.ts';
/** Public submissions, recorded together with those that arrive at the same time (group commit). */
export { responseQueue } from './response-batches.ts';
/** The public form a submission is for, read at most once a second (its transaction reads it again). */
export { recentPublicForm } from './recent-forms.ts';
export { isShown, type RawAnswers } from './answers.ts';
export type { FieldDef, FormSettings } from './schemas.ts';
export { countResponses, findForm, type FormRow } from './repo.ts';
/** Opens or closes a form (volunteer opportunities open their sign-up form when published). */
export { setFormStatus } from './service.ts';
export { MAX_FORM_FILE_BYTES, formFileKey, fileContentType, type UploadedFile, type FileAnswer } from './files.ts';
/** The captcha check of every public form-backed route whose form asks for one (settings.captcha). */
export { checkCaptcha } from './captcha.ts';

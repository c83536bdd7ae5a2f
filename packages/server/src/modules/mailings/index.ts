/** Mass email (群发邮件): templates, audiences, the sending engine, reports and suppressions. */
export { mailingRoutes } from './routes.ts';
export { runMailing, type RunResult, type SendOptions } from './sender.ts';
export { compileMailing, templateSource, textFromHtml } from './content.ts';

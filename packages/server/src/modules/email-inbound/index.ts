/** Mail that comes back to the sending mailbox: bounce notices, complaint reports and mailto: unsubscribes. */
export { handleInboundEmail, type InboundDeps, type InboundResult } from './service.ts';
/** Reading one raw message, before anything in it is trusted. */
export { classifyInbound, type InboundMessage } from './classify.ts';
/** POST /api/email/inbound, for inbound-mail forwarding services. */
export { inboundEmailRoutes } from './routes.ts';

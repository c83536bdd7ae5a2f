import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { registerErrorHandler } from './errors.ts';
import { healthRoutes } from './health.ts';
import { adminConsole } from './admin-console.ts';
import { publicPages } from '../public/routes.ts';
import { apiRoutes } from './api-routes.ts';
import { witnessRoutes } from '../modules/witness/index.ts';
import { ledgerRoutes } from '../modules/ledger/index.ts';

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Called for every registered route (the tenant-isolation test walks them all). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

/** The HTTP application: every route, plugin and the error handler, over the given dependencies. */
export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    // Signed links carry their claims in the path (an unsubscribe token is about 200 characters).
    routerOptions: { maxParamLength: 512 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  if (options.onRoute) app.addHook('onRoute', (route) => options.onRoute!({ method: route.method, url: route.url }));
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Ant Design writes its styles at run time; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
      },
    },
  });
  await app.register(cookie, { secret: deps.config.SECRET_KEY });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Commonweal API',
        version: '0.1.0',
        description:
          'Every route is scoped to an organization (`/api/orgs/{org}`). Authenticate with a session cookie ' +
          '(and the `x-csrf-token` header on changes) or with `Authorization: Bearer <API token>`. ' +
          'Errors are `{ error: { code, message, fields: [{ path, message }] } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'cw_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(witnessRoutes);
  await app.register(ledgerRoutes, { prefix: '/ledger' });
  await app.register(publicPages);
  await app.register(adminConsole);
  return app;
}

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document at /docs/json, built from the routes' zod schemas, and its UI at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Visit planner',
          version: '1',
          description:
            'Plans the visits of customer managers to their retailers and serves each manager the day. ' +
            'Send an API key as `Authorization: Bearer <id>.<secret>`: planner keys see everything, a manager key only its line. ' +
            'Errors are `{ statusCode, code, message }` with a code from the catalogue (src/service/errors.ts).',
        },
        components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
        security: [{ apiKey: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'docs' },
);

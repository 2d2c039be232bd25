// POST /api/messages: the Bot Framework messaging endpoint (public contract, "Messaging channels").
// botbuilder validates the activity and its JWT; this route only insists on a JSON object and hands
// Fastify's request/reply to the adapter through the shim.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createBotFrameworkChannel, type BotFrameworkChannel } from './channel.js';
import { toBotRequest, toBotResponse } from './fastify-shim.js';

/** Activities with entities and card payloads outgrow the API's default body limit. */
const ACTIVITY_BODY_LIMIT = 512 * 1024;

export interface BotFrameworkRoutesOptions {
  /** Defaults to `app.services.botframework`, else one built here from the app's services. */
  channel?: BotFrameworkChannel;
}

function channelOf(app: FastifyInstance, given?: BotFrameworkChannel): BotFrameworkChannel {
  if (given) return given;
  const services = app.services as typeof app.services & { botframework?: BotFrameworkChannel };
  if (services.botframework) return services.botframework;
  // Built here only when the composition root does not: then a separate worker process has no
  // deliverer for messaging channels, so prefer building it in services.ts.
  return createBotFrameworkChannel({
    config: app.deps.config,
    db: app.deps.db,
    store: services.conversations,
    handler: services.customerMessages,
    outbound: services.outbound,
    log: app.log,
  });
}

export async function botframeworkRoutes(fastify: FastifyInstance, opts: BotFrameworkRoutesOptions = {}) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const channel = channelOf(fastify, opts.channel);

  app.post(
    '/api/messages',
    {
      bodyLimit: Math.max(ACTIVITY_BODY_LIMIT, fastify.initialConfig.bodyLimit ?? 0),
      // Authenticated traffic comes from the Bot Connector's few shared addresses, so a per-IP limit
      // would throttle every customer at once; unauthenticated (emulator) traffic keeps the default.
      config: channel.authenticated ? { rateLimit: false } : {},
      schema: {
        tags: ['channels'],
        summary: 'Bot Framework messaging endpoint (Azure Bot Service, Teams, Slack, Telegram, Direct Line, Emulator)',
        description:
          'Receives Bot Framework activities. With MICROSOFT_APP_ID set the Authorization header must carry a Bot Connector JWT; without it (emulator mode) activities are accepted unauthenticated and replies go to the activity\'s serviceUrl.',
        // The Activity is botbuilder's to validate; here only the envelope every HTTP activity carries,
        // so a malformed post gets a 400 rather than failing inside the adapter.
        body: z
          .looseObject({
            type: z.string().min(1).max(100),
            channelId: z.string().min(1).max(200),
            serviceUrl: z.string().min(1).max(2000),
            conversation: z.looseObject({ id: z.string().min(1).max(2000) }),
          })
          .describe('A Bot Framework Activity'),
      },
    },
    async (request, reply) => {
      const res = toBotResponse(reply);
      await channel.process(toBotRequest(request), res);
      if (!res.ended) res.status(500).end();
      return reply;
    },
  );
}

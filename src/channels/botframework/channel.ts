// The Microsoft Bot Framework channel assembled: adapter, turn logic, stored conversation references,
// and the proactive deliverer registered on the outbound channels for every channel id but 'web'.
import type { CloudAdapter } from 'botbuilder';
import type { CustomerMessageHandler } from '../../conversation/handle-customer-message.js';
import { loadReplyCatalogs, type ReplyCatalog } from '../../conversation/replies.js';
import type { ConversationStore } from '../../conversation/store.js';
import type { Locale } from '../../conversation/locale.js';
import type { Database } from '../../infra/database.js';
import type { OutboundChannels } from '../outbound.js';
import { botAuthEnabled, createBotFrameworkAdapter, type BotFrameworkAdapterOptions, type BotFrameworkConfig } from './adapter.js';
import { createTellerBot, type BotLog } from './bot.js';
import { createConversationReferences, type ConversationReferences } from './conversation-references.js';
import type { BotRequest, BotResponse } from './fastify-shim.js';
import { createProactiveDeliverer } from './proactive.js';

export interface BotFrameworkChannelDeps {
  config: BotFrameworkConfig;
  db: Database;
  store: ConversationStore;
  handler: Pick<CustomerMessageHandler, 'handle'>;
  outbound: OutboundChannels;
  log: BotLog;
  /** Defaults to content/replies.yaml (greeting, apology). */
  replies?: Record<Locale, ReplyCatalog>;
  adapterOptions?: BotFrameworkAdapterOptions;
  typingRepeatMs?: number;
}

export interface BotFrameworkChannel {
  adapter: CloudAdapter;
  references: ConversationReferences;
  /** True when inbound JWTs are validated (MICROSOFT_APP_ID set); false in emulator mode. */
  authenticated: boolean;
  /** Runs one inbound HTTP request through the adapter and the bot (see fastify-shim.ts). */
  process(req: BotRequest, res: BotResponse): Promise<void>;
}

/** Everything that is not the web chat arrives through Bot Framework. */
export const isBotFrameworkChannel = (channel: string) => channel !== 'web';

export function createBotFrameworkChannel(deps: BotFrameworkChannelDeps): BotFrameworkChannel {
  const adapter = createBotFrameworkAdapter(deps.config, deps.adapterOptions);
  const references = createConversationReferences(deps.db);
  const bot = createTellerBot({
    store: deps.store,
    handler: deps.handler,
    references,
    replies: deps.replies ?? loadReplyCatalogs(),
    log: deps.log,
    typingRepeatMs: deps.typingRepeatMs,
  });
  adapter.onTurnError = (ctx, err) => bot.onTurnError(ctx, err);
  deps.outbound.register(
    isBotFrameworkChannel,
    createProactiveDeliverer({ adapter, appId: deps.config.MICROSOFT_APP_ID?.trim() ?? '', references, store: deps.store }),
  );
  const authenticated = botAuthEnabled(deps.config);
  if (authenticated) deps.log.info({ appType: deps.config.MICROSOFT_APP_TYPE }, 'Bot Framework endpoint validates inbound JWTs');
  // Unauthenticated, anyone may post an activity and Teller answers at its serviceUrl: local use only.
  else deps.log.warn('Bot Framework endpoint in emulator mode (MICROSOFT_APP_ID unset): activities are not authenticated');
  return {
    adapter,
    references,
    authenticated,
    process: (req, res) => adapter.process(req, res, (ctx) => bot.run(ctx)),
  };
}

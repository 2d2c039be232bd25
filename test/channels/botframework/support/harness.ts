// A Fastify app with only the Bot Framework routes, over the real conversation handler, store and live
// events on an isolated test database and Redis prefix. The NLU router is a small table here (routing
// is not what these tests are about); everything after it is the real pipeline.
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../../../../src/config.js';
import { createCustomerMessageHandler, type HandoffPort } from '../../../../src/conversation/handle-customer-message.js';
import type { KnowledgeCandidate, TurnPorts } from '../../../../src/conversation/pipeline.js';
import { loadReplyCatalogs } from '../../../../src/conversation/replies.js';
import { createConversationStore, type ConversationStore } from '../../../../src/conversation/store.js';
import { createDatabase, type Database } from '../../../../src/infra/database.js';
import { createRedisFactory, type RedisFactory } from '../../../../src/infra/redis.js';
import { errorHandlerPlugin } from '../../../../src/http/error-handler.js';
import { detectLanguage } from '../../../../src/nlu/language.js';
import { normaliseText } from '../../../../src/nlu/text-normalise.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring } from '../../../../src/privacy/field-crypto.js';
import { maskPersonalData } from '../../../../src/privacy/mask-personal-data.js';
import { createLiveEvents, type LiveEvents } from '../../../../src/realtime/live-events.js';
import { createOutboundChannels, type OutboundChannels } from '../../../../src/channels/outbound.js';
import { createBotFrameworkChannel, type BotFrameworkChannel } from '../../../../src/channels/botframework/channel.js';
import type { BotFrameworkAdapterOptions, BotFrameworkConfig } from '../../../../src/channels/botframework/adapter.js';
import { botframeworkRoutes } from '../../../../src/channels/botframework/routes.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from './test-database.js';
import { REDIS_URL } from '../../../helpers/urls.js';

export const PIN_ANSWER: KnowledgeCandidate = {
  key: 'card-pin-change',
  title: 'Changing your card PIN',
  answer: 'You can change your card PIN at any of our ATMs (Card services › Change PIN) or in the mobile app under Cards › PIN.',
  followUps: ['I forgot my PIN', 'Is there a fee?'],
  confidence: 0.9,
};

/** The table router: a PIN question is an FAQ, a greeting is small talk, "agent" asks for a person. */
export const tableRoute: TurnPorts['route'] = async ({ normalised }) => {
  if (/\bpin\b|密码/.test(normalised)) return { route: 'faq', intent: 'card.pin', confidence: 0.9, decidedBy: 'knowledge', candidates: [PIN_ANSWER] };
  if (/^(hi|hello)\b|你好/.test(normalised)) return { route: 'smalltalk', intent: 'smalltalk.greeting', confidence: 0.95, decidedBy: 'rule', candidates: [] };
  if (/\bagent\b|转人工/.test(normalised)) return { route: 'handoff', intent: 'handoff.request', confidence: 0.95, decidedBy: 'rule', candidates: [] };
  return { route: 'fallback', intent: 'fallback', confidence: 0.1, decidedBy: 'classifier', candidates: [] };
};

export interface BotHarness {
  app: FastifyInstance;
  baseUrl: string;
  db: Database;
  store: ConversationStore;
  outbound: OutboundChannels;
  channel: BotFrameworkChannel;
  close(): Promise<void>;
}

export async function startBotHarness(opts: { config?: Partial<BotFrameworkConfig>; adapterOptions?: BotFrameworkAdapterOptions } = {}): Promise<BotHarness> {
  const testDb: TestDatabase = await createTestDatabase();
  const db = createDatabase({ DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: 5 });
  const prefix = uniqueRedisPrefix();
  const redis: RedisFactory = createRedisFactory({ REDIS_URL, REDIS_PREFIX: prefix });
  const live: LiveEvents = createLiveEvents(redis);
  const cipher = createFieldCipher(parseKeyring(generateKeyringEntry('t1')));
  const store = createConversationStore(db, cipher);
  const replies = loadReplyCatalogs();
  const ports: TurnPorts = {
    normalise: normaliseText,
    mask: maskPersonalData,
    detectLanguage,
    sentiment: () => 0,
    route: tableRoute,
    complaints: {
      start: () => {
        throw new Error('complaints are not part of these tests');
      },
      continue: () => {
        throw new Error('complaints are not part of these tests');
      },
      statusReply: async () => ({ text: 'unknown' }),
    },
    replies,
    hotlines: { hotline: '95500', fraudHotline: '95500-1' },
  };
  let handoffs = 0;
  const handoffPort: HandoffPort = {
    request: async () => {
      return { id: `h-${++handoffs}`, status: 'waiting', queuePosition: 1, estimatedWaitMinutes: 1 };
    },
    waitingPosition: async () => null,
    notifyCustomerMessage: async () => {},
    customerLeft: async () => {},
  };
  const handler = createCustomerMessageHandler({
    store,
    ports,
    handoffs: handoffPort,
    complaints: { file: () => Promise.reject(new Error('not in these tests')) },
    live,
    cipher,
  });
  const outbound = createOutboundChannels();
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const config: BotFrameworkConfig = { MICROSOFT_APP_TYPE: 'MultiTenant', ...opts.config } as Pick<Config, keyof BotFrameworkConfig>;
  const channel = createBotFrameworkChannel({ config, db, store, handler, outbound, log: silent, replies, adapterOptions: opts.adapterOptions, typingRepeatMs: 200 });

  const app = Fastify({ bodyLimit: 64 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandlerPlugin);
  await app.register(botframeworkRoutes, { channel });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };

  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    store,
    outbound,
    channel,
    async close() {
      await app.close();
      await live.close();
      await db.$disconnect();
      await redis.closeAll();
      await clearRedisPrefix(prefix);
      await testDb.drop();
    },
  };
}

/** An activity as the Emulator or a channel would post it. */
export function messageActivity(serviceUrl: string, over: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: 'act-1',
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'emulator',
    from: { id: 'user-1', name: 'Customer One' },
    recipient: { id: 'bot-1', name: 'Teller' },
    conversation: { id: 'conv-1' },
    text: 'How do I change my card PIN?',
    locale: 'en-US',
    ...over,
  };
}

export async function postActivity(baseUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json: json as { error?: { code: string; message: string } } | undefined };
}

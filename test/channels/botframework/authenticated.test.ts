// The Bot Framework endpoint with MICROSOFT_APP_ID set: inbound JWTs are validated by botbuilder against
// OpenID metadata (served locally here), and outbound calls carry the bot's token.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeConnector, type FakeConnector } from './support/fake-connector.js';
import { messageActivity, postActivity, startBotHarness, type BotHarness } from './support/harness.js';
import { startLocalIdentity, type LocalIdentity } from './support/local-identity.js';

const APP_ID = '00000000-0000-4000-8000-0000000000aa';
const config = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TYPE: 'MultiTenant' as const };

type Credentials = Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;
/** The real configuration factory (it decides which app ids are valid), except that outbound tokens come from here, not Azure AD. */
class LocalTokenFactory extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(appId: string): Promise<Credentials> {
    return {
      signRequest: async (req) => {
        req.headers.set('authorization', `Bearer outbound-token-for-${appId}`);
        return req;
      },
    } as Credentials;
  }
}

describe('POST /api/messages with MICROSOFT_APP_ID set (production settings, no token)', () => {
  let h: BotHarness;
  let connector: FakeConnector;
  beforeAll(async () => {
    [h, connector] = await Promise.all([startBotHarness({ config }), startFakeConnector()]);
  });
  afterAll(async () => {
    await h?.close();
    await connector?.close();
  });

  it('refuses an activity without a JWT, or with one that is not a JWT, with 401 and does nothing', async () => {
    expect(h.channel.authenticated).toBe(true);
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }, { authorization: 'Basic dXNlcjpwYXNz' }] as Array<Record<string, string>>) {
      const r = await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { channelId: 'msteams' }), headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.json?.error?.code).toBe('unauthorized');
    }
    expect(connector.calls).toHaveLength(0);
    expect(await h.store.findByChannelConversation('msteams', 'conv-1')).toBeNull();
  });
});

describe('POST /api/messages with MICROSOFT_APP_ID set (tokens from a local issuer)', () => {
  let h: BotHarness;
  let connector: FakeConnector;
  let idp: LocalIdentity;
  beforeAll(async () => {
    [idp, connector] = await Promise.all([startLocalIdentity({ endorsements: ['msteams', 'emulator'] }), startFakeConnector()]);
    h = await startBotHarness({
      config,
      adapterOptions: {
        auth: { ToBotFromChannelOpenIdMetadataUrl: idp.metadataUrl },
        credentialsFactory: new LocalTokenFactory({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' }),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await connector?.close();
    await idp?.close();
  });
  beforeEach(() => connector.clear());

  const activity = (conv: string) => messageActivity(connector.serviceUrl, { channelId: 'msteams', conversation: { id: conv } });
  // Bot Connector tokens name the service URL in a lower-case `serviceurl` claim.
  const claims = () => ({ aud: APP_ID, serviceurl: connector.serviceUrl });

  it('accepts a valid Bot Connector token and replies with the bot\'s own token', async () => {
    const r = await postActivity(h.baseUrl, activity('conv-ok'), { authorization: `Bearer ${idp.token(claims())}` });
    expect(r.status).toBe(200);
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    expect(reply.path).toBe('/v3/conversations/conv-ok/activities/act-1');
    expect(reply.authorization).toBe(`Bearer outbound-token-for-${APP_ID}`);
  });

  it('refuses forged, misaddressed, expired or replayed-elsewhere tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad: Record<string, string> = {
      'signed with another key': idp.token(claims(), { key: idp.otherKey }),
      'unknown key id': idp.token(claims(), { kid: 'k-unknown' }),
      'for another bot': idp.token({ ...claims(), aud: 'some-other-app' }),
      'another serviceUrl': idp.token({ ...claims(), serviceurl: 'https://smba.trafficmanager.net/emea/' }),
      'another issuer': idp.token({ ...claims(), iss: 'https://evil.example' }),
      expired: idp.token({ ...claims(), nbf: now - 7200, exp: now - 3600 }),
    };
    for (const [why, token] of Object.entries(bad)) {
      const r = await postActivity(h.baseUrl, activity(`conv-${why}`), { authorization: `Bearer ${token}` });
      expect(r.status, why).toBe(401);
      expect(r.json?.error?.code, why).toBe('unauthorized');
    }
    expect(connector.calls).toHaveLength(0);
  });

  it('signs proactive messages with the bot\'s token too', async () => {
    await postActivity(h.baseUrl, activity('conv-later'), { authorization: `Bearer ${idp.token(claims())}` });
    const found = await h.store.findByChannelConversation('msteams', 'conv-later');
    connector.clear();
    await h.outbound.deliver({ conversationId: found!.id, channel: 'msteams' }, { id: 'm1', seq: '1', author: 'agent', text: 'Hi, I can help.', createdAt: new Date().toISOString() });
    const sent = await connector.waitFor((c) => c.body.type === 'message');
    expect(sent.path).toBe('/v3/conversations/conv-later/activities');
    expect(sent.authorization).toBe(`Bearer outbound-token-for-${APP_ID}`);
  });
});

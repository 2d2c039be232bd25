// The Bot Framework adapter from configuration. With MICROSOFT_APP_ID set, every inbound activity must
// carry a JWT from the Bot Connector (or the Emulator) for that app id, and outbound calls carry an
// Azure AD token for it (MultiTenant, SingleTenant with a tenant id, or a user-assigned managed
// identity). Without it the adapter runs in emulator mode: no inbound validation and no outbound token
// (botbuilder's credential factory then returns MicrosoftAppCredentials.Empty, which signs nothing and
// never contacts Azure AD), replying straight to the activity's serviceUrl.
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createRequire } from 'node:module';
import { ConfigError, type Config } from '../../config.js';

// The AuthenticationError class CloudAdapter tests with instanceof (→ 401), taken from the very copy of
// botframework-connector that botbuilder loads (it is botbuilder's dependency, not ours).
const connector = createRequire(createRequire(import.meta.url).resolve('botbuilder'))('botframework-connector') as {
  AuthenticationError: new (message: string, statusCode: number) => Error;
  AuthenticationConstants: Record<'ToChannelFromBotLoginUrl' | 'ToChannelFromBotOAuthScope' | 'ToBotFromChannelTokenIssuer' | 'OAuthUrl' | 'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromEmulatorOpenIdMetadataUrl', string>;
};
const { AuthenticationError } = connector;

/** Keys that make botbuilder drop all its public-cloud defaults as soon as one is given. */
const ENDPOINT_KEYS = ['ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'ToBotFromChannelTokenIssuer', 'OAuthUrl', 'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromEmulatorOpenIdMetadataUrl', 'CallerId'] as const;

/** Overriding one endpoint keeps the public Azure cloud's value for the others. */
function withPublicCloudDefaults(auth: ConfigurationBotFrameworkAuthenticationOptions): ConfigurationBotFrameworkAuthenticationOptions {
  if (!ENDPOINT_KEYS.some((k) => auth[k])) return auth;
  const c = connector.AuthenticationConstants;
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: c.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: c.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: c.ToBotFromChannelTokenIssuer,
    OAuthUrl: c.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: c.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: c.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ...auth,
  };
}
/** jsonwebtoken's failures: a bad signature, a malformed or expired token. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * botbuilder lets a token with a known issuer but a bad signature escape as a plain JsonWebTokenError,
 * which CloudAdapter answers with 500. It is a refused credential: answer 401. Other failures (the
 * OpenID metadata unreachable) stay 5xx so the Bot Connector retries.
 */
class TellerBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) {
    try {
      return await super.authenticateRequest(...args);
    } catch (err) {
      if (err instanceof Error && JWT_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized: ${err.message}`, 401);
      throw err;
    }
  }
}

export type BotFrameworkConfig = Pick<Config, 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TYPE' | 'MICROSOFT_APP_TENANT_ID'>;

/** botframework-connector's ServiceClientCredentialsFactory, named through botbuilder (our direct dependency). */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

export interface BotFrameworkAdapterOptions {
  /** Extra botbuilder authentication settings (endpoints not given keep the public cloud's): local OpenID metadata in tests. */
  auth?: ConfigurationBotFrameworkAuthenticationOptions;
  /** Replaces the credential factory for outbound calls (tests without Azure AD). */
  credentialsFactory?: CredentialsFactory;
}

/** True when inbound activities are validated (MICROSOFT_APP_ID set); false in emulator mode. */
export const botAuthEnabled = (config: BotFrameworkConfig) => Boolean(config.MICROSOFT_APP_ID?.trim());

/** Checks the combination botbuilder would otherwise reject with a bare assertion, naming the variable. */
export function checkBotFrameworkConfig(config: BotFrameworkConfig): void {
  if (!botAuthEnabled(config)) return;
  const problems: Array<{ variable: string; problem: string }> = [];
  const type = config.MICROSOFT_APP_TYPE;
  if (type === 'UserAssignedMSI') {
    if (config.MICROSOFT_APP_PASSWORD) problems.push({ variable: 'MICROSOFT_APP_PASSWORD', problem: 'must be unset when MICROSOFT_APP_TYPE is UserAssignedMSI' });
  } else if (!config.MICROSOFT_APP_PASSWORD) {
    problems.push({ variable: 'MICROSOFT_APP_PASSWORD', problem: `required with MICROSOFT_APP_ID when MICROSOFT_APP_TYPE is ${type}` });
  }
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !config.MICROSOFT_APP_TENANT_ID) {
    problems.push({ variable: 'MICROSOFT_APP_TENANT_ID', problem: `required when MICROSOFT_APP_TYPE is ${type}` });
  }
  if (problems.length) throw new ConfigError(problems);
}

/** botbuilder's configuration keys from Teller's environment. */
export function botFrameworkAuthSettings(config: BotFrameworkConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (!botAuthEnabled(config)) return {};
  return {
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    // botbuilder compares case-insensitively ('UserAssignedMsi').
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    // A multi-tenant bot must not pin a tenant: tokens are requested from botframework.com.
    ...(config.MICROSOFT_APP_TYPE !== 'MultiTenant' && config.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
  };
}

export function createBotFrameworkAdapter(config: BotFrameworkConfig, options: BotFrameworkAdapterOptions = {}): CloudAdapter {
  checkBotFrameworkConfig(config);
  const auth = new TellerBotFrameworkAuthentication(withPublicCloudDefaults({ ...botFrameworkAuthSettings(config), ...options.auth }), options.credentialsFactory);
  return new CloudAdapter(auth);
}

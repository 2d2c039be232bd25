import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import { botAuthEnabled, botFrameworkAuthSettings, checkBotFrameworkConfig, createBotFrameworkAdapter } from '../../../src/channels/botframework/adapter.js';

const base = { MICROSOFT_APP_TYPE: 'MultiTenant' as const };

describe('Bot Framework settings', () => {
  it('runs in emulator mode without an app id, whatever else is set', () => {
    expect(botAuthEnabled(base)).toBe(false);
    expect(botAuthEnabled({ ...base, MICROSOFT_APP_ID: '  ' })).toBe(false);
    expect(botFrameworkAuthSettings({ ...base, MICROSOFT_APP_PASSWORD: 'x' })).toEqual({});
    expect(() => createBotFrameworkAdapter(base)).not.toThrow();
  });

  it('maps MultiTenant without a tenant, SingleTenant and managed identity with one', () => {
    expect(botFrameworkAuthSettings({ ...base, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' })).toEqual({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'MultiTenant' });
    expect(botFrameworkAuthSettings({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' })).toEqual({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' });
    expect(botFrameworkAuthSettings({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_TENANT_ID: 't' })).toMatchObject({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    for (const cfg of [
      { ...base, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' },
      { MICROSOFT_APP_TYPE: 'SingleTenant' as const, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' },
      { MICROSOFT_APP_TYPE: 'UserAssignedMSI' as const, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_TENANT_ID: 't' },
    ]) {
      expect(() => createBotFrameworkAdapter(cfg), cfg.MICROSOFT_APP_TYPE).not.toThrow();
    }
  });

  it('names the missing variable instead of failing later with a bare assertion', () => {
    const problems = (cfg: Parameters<typeof checkBotFrameworkConfig>[0]) => {
      try {
        checkBotFrameworkConfig(cfg);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).issues.map((i) => i.variable);
      }
    };
    expect(problems({ ...base, MICROSOFT_APP_ID: 'a' })).toEqual(['MICROSOFT_APP_PASSWORD']);
    expect(problems({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' })).toEqual(['MICROSOFT_APP_TENANT_ID']);
    expect(problems({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' })).toEqual(['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']);
  });
});

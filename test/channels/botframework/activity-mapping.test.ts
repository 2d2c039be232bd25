import { describe, expect, it } from 'vitest';
import {
  channelCustomerId,
  localeOfActivity,
  proactiveActivity,
  referenceToStore,
  replyActivity,
  textOfMessage,
} from '../../../src/channels/botframework/activity-mapping.js';

const card = { title: 'Changing your PIN', body: 'Use any ATM: Card services › Change PIN.', source: 'card-pin' };

describe('localeOfActivity', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['ZH-tw', 'zh-CN'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('%s → %s', (tag, want) => expect(localeOfActivity(tag)).toBe(want));
});

describe('textOfMessage', () => {
  const recipient = { id: 'bot', name: 'Teller' };
  it('trims typed text and removes only the bot\'s own @mention', () => {
    const activity = {
      text: '<at>Teller</at> what about <at>Ann</at>?  ',
      recipient,
      entities: [
        { type: 'mention', text: '<at>Teller</at>', mentioned: { id: 'bot' } },
        { type: 'mention', text: '<at>Ann</at>', mentioned: { id: 'ann' } },
      ],
    };
    expect(textOfMessage(activity)).toBe('what about <at>Ann</at>?');
  });
  it('reads card submits and messageBack values when there is no text', () => {
    expect(textOfMessage({ text: '', recipient, value: { text: ' I forgot my PIN ' } })).toBe('I forgot my PIN');
    expect(textOfMessage({ recipient, value: { query: 'fees' } })).toBe('fees');
    expect(textOfMessage({ recipient, value: { action: 'Talk to an agent' } })).toBe('Talk to an agent');
    expect(textOfMessage({ recipient, value: { other: 1 } })).toBe('');
    expect(textOfMessage({ recipient, value: 'plain string value' })).toBe('');
  });
});

describe('replyActivity', () => {
  it('turns suggested actions into imBack buttons addressed to the customer', () => {
    const a = replyActivity({ text: 'Which one?', suggestedActions: ['Cards', 'Loans'] }, { recipientId: 'u1' });
    expect(a).toMatchObject({ type: 'message', text: 'Which one?', textFormat: 'plain' });
    expect(a.suggestedActions).toEqual({ to: ['u1'], actions: [{ type: 'imBack', title: 'Cards', value: 'Cards' }, { type: 'imBack', title: 'Loans', value: 'Loans' }] });
    expect(a.attachments).toBeUndefined();
  });
  it('attaches an Adaptive Card 1.5 and keeps the text where cards are not rendered', () => {
    const a = replyActivity({ text: card.body, card }, { channelId: 'telegram' });
    expect(a.text).toBe(card.body);
    expect(a.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } });
    const content = a.attachments![0].content as { body: Array<{ text: string; wrap: boolean }>; fallbackText: string };
    expect(content.body.map((b) => [b.text, b.wrap])).toEqual([[card.title, true], [card.body, true]]);
    expect(content.fallbackText).toContain(card.body);
  });
  it('drops the duplicate text on a card-rendering channel, but keeps text that says more than the card', () => {
    expect(replyActivity({ text: card.body, card }, { channelId: 'msteams' }).text).toBeUndefined();
    expect(replyActivity({ text: 'In short: any ATM.', card }, { channelId: 'msteams' }).text).toBe('In short: any ATM.');
  });
});

describe('proactiveActivity', () => {
  const base = { id: 'm', seq: '1', createdAt: '2026-01-01T00:00:00Z' };
  it('labels an agent\'s words in the conversation language', () => {
    expect(proactiveActivity({ ...base, author: 'agent', text: 'Hello' }, 'en').text).toBe('Agent: Hello');
    expect(proactiveActivity({ ...base, author: 'agent', text: '您好' }, 'zh-CN').text).toBe('人工客服: 您好');
  });
  it('sends system and bot messages as they are, with their buttons', () => {
    const a = proactiveActivity({ ...base, author: 'bot', text: 'Back to me.', suggestedActions: ['Thanks'] }, 'en', { recipientId: 'u' });
    expect(a.text).toBe('Back to me.');
    expect(a.suggestedActions?.actions).toHaveLength(1);
    expect(proactiveActivity({ ...base, author: 'system', text: 'CMP-2026-000001 acknowledged' }, 'en').text).toBe('CMP-2026-000001 acknowledged');
  });
});

describe('references and ids', () => {
  it('keeps everything of a reference but the triggering activity id', () => {
    const ref = { activityId: 'a1', channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'b', name: 'Teller' }, user: { id: 'u', name: 'U' } };
    const { activityId: _a, ...rest } = ref;
    expect(referenceToStore(ref)).toEqual(rest);
  });
  it('scopes a customer id by channel', () => expect(channelCustomerId('slack', 'U123')).toBe('slack:U123'));
});

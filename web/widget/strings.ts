/** Every word the widget shows, in both languages: each entry is [zh-CN, en], side by side. */
import type { Locale } from './locale.js';

export interface Strings {
  title: string;
  subtitle: string;
  openChat: string;
  closeChat: string;
  endChat: string;
  unread: (n: number) => string;
  welcome: string;
  securityNote: string;
  inputLabel: string;
  placeholder: string;
  placeholderClosed: string;
  send: string;
  log: string;
  quickReplies: string;
  // who wrote a message
  you: string;
  bot: string;
  agent: string;
  system: string;
  // a message's delivery, under its bubble
  sending: string;
  queued: string;
  streaming: string;
  source: string;
  // connection state, under the title
  connecting: string;
  online: string;
  reconnecting: (seconds: number) => string;
  offline: string;
  /** "<bot or agent name> is typing…" */
  typing: (name: string) => string;
  // notices under the header
  waiting: (position?: number) => string;
  human: string;
  complaint: (reference: string) => string;
  expired: string;
  // why a message was not sent
  invalid: string;
  tooLong: string;
  tooMany: string;
  unavailable: string;
  // the rating at the end
  ratingHeading: string;
  star: (n: number) => string;
  ratingComment: string;
  ratingSubmit: string;
  ratingThanks: string;
  ratingFailed: string;
  newChat: string;
  ended: string;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const TEXT: { [K in keyof Strings]: readonly [zh: Strings[K], en: Strings[K]] } = {
  title: ['示例银行在线客服', 'Teller Bank Support'],
  subtitle: ['Teller 智能助手', 'Teller virtual assistant'],
  openChat: ['打开在线客服', 'Open chat'],
  closeChat: ['收起对话窗口', 'Minimise chat'],
  endChat: ['结束对话', 'End chat'],
  unread: [(n) => `${n} 条新消息`, (n) => plural(n, 'new message')],
  welcome: [
    '您好！我是示例银行智能助手，可以为您解答账户、银行卡、转账、贷款等问题，也可以为您转接人工客服。',
    'Hello! I am the Teller Bank assistant. Ask me about accounts, cards, transfers or loans, or ask for a human agent.',
  ],
  securityNote: ['请勿在对话中透露密码、验证码或完整卡号。', 'Never share your password, one-time code or full card number in chat.'],
  inputLabel: ['输入您的问题', 'Type your question'],
  placeholder: ['请输入您的问题…', 'Type your question…'],
  placeholderClosed: ['对话已结束', 'This chat has ended'],
  send: ['发送', 'Send'],
  log: ['对话记录', 'Conversation'],
  quickReplies: ['快捷回复', 'Suggested replies'],
  you: ['您', 'You'],
  bot: ['智能助手', 'Assistant'],
  agent: ['人工客服', 'Agent'],
  system: ['系统消息', 'Notice'],
  sending: ['发送中…', 'Sending…'],
  queued: ['未发送，将自动重试', 'Not sent yet, will retry automatically'],
  streaming: ['正在输入…', 'Typing…'],
  source: ['来源', 'Source'],
  connecting: ['正在连接…', 'Connecting…'],
  online: ['在线', 'Online'],
  reconnecting: [(s) => `连接中断，${s} 秒后重连`, (s) => `Reconnecting in ${s}s`],
  offline: ['网络已断开', 'Offline'],
  typing: [(name) => `${name}正在输入…`, (name) => `${name} is typing…`],
  waiting: [
    (p) => (p && p > 0 ? `正在为您转接人工客服，前面还有 ${p} 位客户` : '正在为您转接人工客服…'),
    (p) => (p && p > 0 ? `Connecting you to an agent, ${plural(p, 'customer')} ahead of you` : 'Connecting you to an agent…'),
  ],
  human: ['人工客服已接入', 'An agent has joined the chat'],
  complaint: [(ref) => `投诉已受理，编号 ${ref}`, (ref) => `Complaint registered, reference ${ref}`],
  expired: ['之前的对话已失效，已为您开始新的对话。', 'Your previous chat has expired, so a new one has started.'],
  invalid: ['这条消息无法发送，请修改后重试。', 'This message could not be sent. Please edit it and try again.'],
  tooLong: ['消息太长了，请精简后再发送。', 'That message is too long. Please shorten it.'],
  tooMany: ['发送太频繁，请稍候，消息将自动重发。', 'You are sending too fast. Your message will be retried shortly.'],
  unavailable: ['服务暂时不可用，消息将自动重试。', 'The service is busy. Your message will be retried automatically.'],
  ratingHeading: ['请为本次服务评分', 'How was your chat?'],
  star: [(n) => `${n} 星`, (n) => plural(n, 'star')],
  ratingComment: ['意见或建议（选填）', 'Comments (optional)'],
  ratingSubmit: ['提交评价', 'Submit rating'],
  ratingThanks: ['感谢您的评价！', 'Thank you for your feedback!'],
  ratingFailed: ['评价提交失败，请重试。', 'Could not send your rating. Please try again.'],
  newChat: ['开始新对话', 'Start a new chat'],
  ended: ['本次对话已结束', 'This chat has ended'],
};

const pick = (index: 0 | 1): Strings => Object.fromEntries(Object.entries(TEXT).map(([key, pair]) => [key, pair[index]])) as unknown as Strings;
const ZH = pick(0);
const EN = pick(1);

export function stringsFor(locale: Locale): Strings {
  return locale === 'zh-CN' ? ZH : EN;
}

/** Every word the widget shows, in both languages. */
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
  you: string;
  bot: string;
  agent: string;
  system: string;
  sending: string;
  queued: string;
  streaming: string;
  source: string;
  status: {
    connecting: string;
    online: string;
    reconnecting: (seconds: number) => string;
    offline: string;
  };
  typing: { bot: string; agent: string };
  waiting: (position?: number) => string;
  human: string;
  complaint: (reference: string) => string;
  expired: string;
  errors: { invalid: string; tooLong: string; tooMany: string; generic: string };
  rating: {
    heading: string;
    star: (n: number) => string;
    comment: string;
    submit: string;
    thanks: string;
    failed: string;
    newChat: string;
    ended: string;
  };
}

const zh: Strings = {
  title: '示例银行在线客服',
  subtitle: 'Teller 智能助手',
  openChat: '打开在线客服',
  closeChat: '收起对话窗口',
  endChat: '结束对话',
  unread: (n) => `${n} 条新消息`,
  welcome: '您好！我是示例银行智能助手，可以为您解答账户、银行卡、转账、贷款等问题，也可以为您转接人工客服。',
  securityNote: '请勿在对话中透露密码、验证码或完整卡号。',
  inputLabel: '输入您的问题',
  placeholder: '请输入您的问题…',
  placeholderClosed: '对话已结束',
  send: '发送',
  log: '对话记录',
  quickReplies: '快捷回复',
  you: '您',
  bot: '智能助手',
  agent: '人工客服',
  system: '系统消息',
  sending: '发送中…',
  queued: '未发送，将自动重试',
  streaming: '正在输入…',
  source: '来源',
  status: {
    connecting: '正在连接…',
    online: '在线',
    reconnecting: (s) => `连接中断，${s} 秒后重连`,
    offline: '网络已断开',
  },
  typing: { bot: '智能助手正在输入…', agent: '人工客服正在输入…' },
  waiting: (p) => (p && p > 0 ? `正在为您转接人工客服，前面还有 ${p} 位客户` : '正在为您转接人工客服…'),
  human: '人工客服已接入',
  complaint: (ref) => `投诉已受理，编号 ${ref}`,
  expired: '之前的对话已失效，已为您开始新的对话。',
  errors: {
    invalid: '这条消息无法发送，请修改后重试。',
    tooLong: '消息太长了，请精简后再发送。',
    tooMany: '发送太频繁，请稍候，消息将自动重发。',
    generic: '服务暂时不可用，消息将自动重试。',
  },
  rating: {
    heading: '请为本次服务评分',
    star: (n) => `${n} 星`,
    comment: '意见或建议（选填）',
    submit: '提交评价',
    thanks: '感谢您的评价！',
    failed: '评价提交失败，请重试。',
    newChat: '开始新对话',
    ended: '本次对话已结束',
  },
};

const en: Strings = {
  title: 'Teller Bank Support',
  subtitle: 'Teller virtual assistant',
  openChat: 'Open chat',
  closeChat: 'Minimise chat',
  endChat: 'End chat',
  unread: (n) => `${n} new message${n === 1 ? '' : 's'}`,
  welcome: 'Hello! I am the Teller Bank assistant. Ask me about accounts, cards, transfers or loans, or ask for a human agent.',
  securityNote: 'Never share your password, one-time code or full card number in chat.',
  inputLabel: 'Type your question',
  placeholder: 'Type your question…',
  placeholderClosed: 'This chat has ended',
  send: 'Send',
  log: 'Conversation',
  quickReplies: 'Suggested replies',
  you: 'You',
  bot: 'Assistant',
  agent: 'Agent',
  system: 'Notice',
  sending: 'Sending…',
  queued: 'Not sent yet, will retry automatically',
  streaming: 'Typing…',
  source: 'Source',
  status: {
    connecting: 'Connecting…',
    online: 'Online',
    reconnecting: (s) => `Reconnecting in ${s}s`,
    offline: 'Offline',
  },
  typing: { bot: 'Assistant is typing…', agent: 'Agent is typing…' },
  waiting: (p) =>
    p && p > 0 ? `Connecting you to an agent, ${p} customer${p === 1 ? '' : 's'} ahead of you` : 'Connecting you to an agent…',
  human: 'An agent has joined the chat',
  complaint: (ref) => `Complaint registered, reference ${ref}`,
  expired: 'Your previous chat has expired, so a new one has started.',
  errors: {
    invalid: 'This message could not be sent. Please edit it and try again.',
    tooLong: 'That message is too long. Please shorten it.',
    tooMany: 'You are sending too fast. Your message will be retried shortly.',
    generic: 'The service is busy. Your message will be retried automatically.',
  },
  rating: {
    heading: 'How was your chat?',
    star: (n) => `${n} star${n === 1 ? '' : 's'}`,
    comment: 'Comments (optional)',
    submit: 'Submit rating',
    thanks: 'Thank you for your feedback!',
    failed: 'Could not send your rating. Please try again.',
    newChat: 'Start a new chat',
    ended: 'This chat has ended',
  },
};

export function stringsFor(locale: Locale): Strings {
  return locale === 'zh-CN' ? zh : en;
}

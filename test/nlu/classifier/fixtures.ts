/** Small bilingual intent set for classifier tests: each intent has distinct vocabulary in both languages. */
export const trainingUtterances: { text: string; label: string }[] = [
  ...[
    'I lost my card',
    'my debit card is missing',
    'someone stole my credit card',
    'card stolen, please block it',
    'I cannot find my bank card anywhere',
    'report a lost card',
  ].map((text) => ({ text, label: 'card_lost' })),
  ...[
    'what is my account balance',
    'how much money do I have',
    'show me my balance',
    'check balance on my savings account',
    'how much is left in my account',
    'tell me the balance please',
  ].map((text) => ({ text, label: 'balance' })),
  ...[
    'I want to send money to my friend',
    'transfer 100 pounds to my mother',
    'how do I make a bank transfer',
    'send a payment to another account',
    'move money between my accounts',
    'wire money abroad',
  ].map((text) => ({ text, label: 'transfer' })),
  ...[
    'when are your branches open',
    'what time does the branch close',
    'opening hours on saturday',
    'is the bank open on sunday',
    'branch opening times',
    'are you open on public holidays',
  ].map((text) => ({ text, label: 'opening_hours' })),
  ...['我的银行卡丢了', '信用卡被偷了', '卡不见了怎么办', '我要挂失银行卡', '钱包和卡都丢了', '帮我冻结丢失的卡'].map((text) => ({
    text,
    label: 'card_lost',
  })),
  ...['查询余额', '我账户里还有多少钱', '帮我看看余额', '储蓄账户余额是多少', '卡里还剩多少钱', '余额查询'].map((text) => ({
    text,
    label: 'balance',
  })),
  ...['我要转账给朋友', '怎么给别人汇款', '转一千块到我妈妈的账户', '跨行转账怎么操作', '我想汇款到国外', '给另一个账户转钱'].map((text) => ({
    text,
    label: 'transfer',
  })),
  ...['网点几点开门', '营业时间是什么时候', '周末营业吗', '银行几点下班', '星期天网点开不开', '节假日营业时间'].map((text) => ({
    text,
    label: 'opening_hours',
  })),
];

/** Unseen paraphrases with their intents. */
export const heldOutUtterances: [string, string][] = [
  ['I have lost my credit card', 'card_lost'],
  ['my card got stolen yesterday', 'card_lost'],
  ['how much money is in my account', 'balance'],
  ['what is the balance of my account', 'balance'],
  ['send money to my brother', 'transfer'],
  ['I need to transfer money to another bank', 'transfer'],
  ['what time do you open', 'opening_hours'],
  ['is the branch open on saturday', 'opening_hours'],
  ['银行卡被偷了怎么办', 'card_lost'],
  ['我的卡丢了', 'card_lost'],
  ['我的余额是多少', 'balance'],
  ['账户还有多少钱', 'balance'],
  ['我想给朋友汇款', 'transfer'],
  ['怎么转账', 'transfer'],
  ['周六网点开门吗', 'opening_hours'],
  ['你们几点营业', 'opening_hours'],
];

/** Misspelt versions of training intents. */
export const typoUtterances: [string, string][] = [
  ['I lsot my crad', 'card_lost'],
  ['somone stol my credt card', 'card_lost'],
  ['whats my acount balanse', 'balance'],
  ['how mcuh mony do I have', 'balance'],
  ['tranfser money to my mom', 'transfer'],
  ['i want to sned mony to a frend', 'transfer'],
  ['brnach openign hours', 'opening_hours'],
  ['wen are the branchs open', 'opening_hours'],
];

// Shared by the fault tests: the real Teller (test/security/harness.ts), a complaint made through the
// chat the way a customer makes it, and timing.
import type { FastifyInstance } from 'fastify';
import type { Conv } from '../security/harness.js';

export { client, startTeller, waitFor, type Conv, type Teller } from '../security/harness.js';

export type Turn = { replies: Array<{ text: string; suggestedActions?: string[] }>; route: string; complaint?: { reference: string; status: string } };

/** Time of one async call, in ms, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Files a complaint through the chat: the first message, then answers (or the confirming quick reply) until a reference comes back. */
export async function complainInChat(app: FastifyInstance, conv: Conv): Promise<{ reference: string; turns: number }> {
  const say = async (text: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text }, headers: { authorization: `Bearer ${conv.token}` } });
    if (res.statusCode !== 200) throw new Error(`complaint turn "${text}": ${res.statusCode} ${res.body}`);
    return res.json() as Turn;
  };
  const answers = ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认提交', '确认提交', '确认'];
  let r = await say('你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉');
  let turns = 1;
  for (const answer of answers) {
    if (r.complaint?.reference) break;
    const confirm = r.replies.flatMap((x) => x.suggestedActions ?? []).find((s) => /确认提交/.test(s));
    r = await say(confirm ?? answer);
    turns++;
  }
  if (!r.complaint?.reference) throw new Error(`no complaint reference after ${turns} turns: ${JSON.stringify(r).slice(0, 300)}`);
  return { reference: r.complaint.reference, turns };
}

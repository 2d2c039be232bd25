// The shim between Fastify and botbuilder's Express-like request/response, exercised through a real
// Fastify app (inject) with a stand-in for adapter.process that drives the response the way it does.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { toBotRequest, toBotResponse, type BotRequest, type BotResponse } from '../../../src/channels/botframework/fastify-shim.js';

async function appWith(process: (req: BotRequest, res: BotResponse) => void | Promise<void>) {
  const app = Fastify();
  let seen: BotRequest | undefined;
  app.post('/x', async (request, reply) => {
    const req = toBotRequest(request);
    seen = req;
    const res = toBotResponse(reply);
    await process(req, res);
    return reply;
  });
  await app.ready();
  return { app, seen: () => seen };
}

describe('fastify-shim', () => {
  it('hands botbuilder the parsed body, the headers and the method', async () => {
    const { app, seen } = await appWith((_req, res) => void res.status(200).end());
    await app.inject({ method: 'POST', url: '/x', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, payload: { type: 'message' } });
    expect(seen()).toMatchObject({ body: { type: 'message' }, method: 'POST', headers: { authorization: 'Bearer t' } });
    // A JSON array is not an activity: botbuilder must see no body (it then answers 400 itself).
    const arr = await appWith((_req, res) => void res.status(200).end());
    await arr.app.inject({ method: 'POST', url: '/x', headers: { 'content-type': 'application/json' }, payload: '[1]' });
    expect(arr.seen()?.body).toBeUndefined();
  });

  it('sends status, headers and body on end(), once', async () => {
    const { app } = await appWith((_req, res) => {
      res.status(200).header('x-bot', 'yes').send({ status: 200, ok: true });
      res.end();
      res.status(500).end(); // ignored: already sent
    });
    const r = await app.inject({ method: 'POST', url: '/x', payload: {} });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-bot']).toBe('yes');
    expect(r.json()).toEqual({ status: 200, ok: true });
  });

  it('answers an empty 200 when the adapter sends no body', async () => {
    const { app } = await appWith((_req, res) => void res.status(200).end());
    const r = await app.inject({ method: 'POST', url: '/x', payload: {} });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('');
  });

  it('rewrites error answers into the contract shape and hides 5xx details', async () => {
    const cases: Array<[number, unknown, string, string]> = [
      [401, 'Unauthorized Access. Request is not authorized', 'unauthorized', 'Unauthorized Access. Request is not authorized'],
      [400, undefined, 'bad_request', 'the activity was refused'],
      [405, undefined, 'bad_request', 'only POST is accepted'],
      [500, 'TypeError: cannot read x of undefined at /srv/secret/path.js', 'internal', 'internal error'],
    ];
    for (const [status, body, code, message] of cases) {
      const { app } = await appWith((_req, res) => {
        res.status(status);
        if (body !== undefined) res.send(body);
        res.end();
      });
      const r = await app.inject({ method: 'POST', url: '/x', payload: {} });
      expect(r.statusCode).toBe(status);
      expect(r.json()).toEqual({ error: { code, message } });
    }
  });
});

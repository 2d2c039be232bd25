// The JSON body parser: secure-json-parse (as Fastify's own: refuses __proto__ / constructor.prototype
// poisoning) plus a reviver that makes every string storable and displayable — control characters
// (NUL, terminal escapes; tab and newlines stay) removed, lone surrogates replaced by U+FFFD — since
// PostgreSQL rejects NUL and unpaired surrogates, and a customer's odd input must never become a 500.
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanString(value: string): string {
  const clean = value.replace(CONTROL, '');
  return clean.isWellFormed() ? clean : clean.toWellFormed();
}

const reviver = (_key: string, value: unknown) => (typeof value === 'string' ? cleanString(value) : value);

export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(Object.assign(new Error('the JSON body is empty'), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' }), undefined);
    try {
      done(null, sjson.parse(text, reviver, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
}

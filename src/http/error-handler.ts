// Maps every error to the contract's JSON shape {"error":{"code","message"}} and hides 5xx details.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isUnavailableError, type ErrorCode } from './errors.js';

function classify(err: FastifyError): { status: number; code: ErrorCode; message: string } {
  if (err instanceof AppError) return { status: err.statusCode, code: err.code, message: err.message };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    return { status: 400, code: 'validation_failed', message: `invalid request${where}: ${first?.message ?? 'does not match the schema'}` };
  }
  if (err.validation) return { status: 400, code: 'validation_failed', message: `invalid request: ${err.message}` };
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'request body is larger than the limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'send JSON (content-type: application/json)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'the JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' };
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' };
  if (err.statusCode === 429) return { status: 429, code: 'rate_limited', message: err.message || 'too many requests' };
  if (err.statusCode === 413) return { status: 413, code: 'payload_too_large', message: 'request body is larger than the limit' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { status: err.statusCode, code: 'bad_request', message: err.message };
  if (isUnavailableError(err)) return { status: 503, code: 'unavailable', message: 'a backing service is unavailable; try again shortly' };
  return { status: 500, code: 'internal', message: 'internal error' };
}

export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const { status, code, message } = classify(err);
      if (status >= 500) request.log.error({ err }, 'request failed');
      else request.log.info({ code, status }, message);
      return reply.status(status).send({ error: { code, message } });
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  },
  { name: 'error-handler' },
);

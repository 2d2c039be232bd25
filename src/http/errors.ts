// One error type with a closed list of codes; one handler maps them to HTTP (see error-handler.ts).
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get statusCode(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', message);
export const forbidden = (message = 'your role may not do this') => new AppError('forbidden', message);
export const unauthorized = (message = 'missing or invalid credentials') => new AppError('unauthorized', message);

/** True for errors that mean a backing service (PostgreSQL, Redis) is unreachable right now. */
export function isUnavailableError(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const rec = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    const code = typeof rec.code === 'string' ? rec.code : '';
    const msg = typeof rec.message === 'string' ? rec.message : '';
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'P1001', 'P1002', 'P1017', 'P2024', '57P01', '57P03', '08006', '08001', '08003'].includes(code)) return true;
    if (rec.name === 'PrismaClientInitializationError') return true;
    if (/Connection terminated|connection timeout|Connection is closed|ECONNREFUSED|Can't reach database|Stream isn't writeable|enableOfflineQueue|the database system is (starting up|shutting down)|DatabaseNotReachable/i.test(msg)) return true;
    if (rec.kind === 'DatabaseNotReachable' || rec.kind === 'ConnectionClosed' || rec.kind === 'SocketTimeout') return true;
    e = rec.cause;
  }
  return false;
}

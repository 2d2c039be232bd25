// A local stand-in for the Bot Framework's token issuer: an OpenID metadata endpoint with a JWKS, and
// RS256 tokens signed with its key, so inbound JWT validation runs for real without the internet.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';

export interface LocalIdentity {
  /** OpenID configuration URL (give it to botbuilder as ToBotFromChannelOpenIdMetadataUrl). */
  metadataUrl: string;
  /** A token as the Bot Connector would send it; `over` changes claims, `key` signs with another key. */
  token(claims: Record<string, unknown>, opts?: { key?: KeyObject; kid?: string }): string;
  otherKey: KeyObject;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startLocalIdentity(opts: { endorsements: string[] }): Promise<LocalIdentity> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: opts.endorsements }] }));
    else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    otherKey: other,
    token(claims, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? 'k1' }));
      const payload = b64url(JSON.stringify({ iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 3600, ...claims }));
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), o.key ?? privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

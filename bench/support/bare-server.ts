// The baseline for bench:turns: a bare Fastify JSON handler on the same machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: true }));
app.post('/echo', async (req) => ({ replies: [{ text: `echo: ${(req.body as { text?: string }).text ?? ''}` }], route: 'faq' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

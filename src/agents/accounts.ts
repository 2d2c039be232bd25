// Agent accounts and sessions (opaque bearer tokens, stored hashed, expiring).
import type { Database } from '../infra/database.js';
import { hashToken, newToken } from '../conversation/tokens.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

export type AgentRole = 'agent' | 'supervisor' | 'admin';

export interface AgentIdentity {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  languages: Array<'zh-CN' | 'en'>;
  skills: string[];
  maxConcurrent: number;
}

/** admin can do everything a supervisor can; a supervisor everything an agent can. */
const RANK: Record<AgentRole, number> = { agent: 1, supervisor: 2, admin: 3 };
export const hasRole = (role: AgentRole, atLeast: AgentRole) => RANK[role] >= RANK[atLeast];

type AgentRow = { id: string; email: string; name: string; role: AgentRole; languages: string[]; skills: string[]; maxConcurrent: number };
const toIdentity = (a: AgentRow): AgentIdentity => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  languages: a.languages.map((l) => (l === 'zh_CN' ? 'zh-CN' : 'en')),
  skills: a.skills,
  maxConcurrent: a.maxConcurrent,
});

export function createAgentAccounts(db: Database, opts: { sessionTtlHours: number }) {
  return {
    async create(input: { email: string; name: string; password: string; role: AgentRole; languages?: Array<'zh-CN' | 'en'>; skills?: string[]; maxConcurrent?: number }) {
      const row = await db.agent.create({
        data: {
          email: input.email.toLowerCase(),
          name: input.name,
          passwordHash: await hashPassword(input.password),
          role: input.role,
          languages: (input.languages ?? ['zh-CN', 'en']).map((l) => (l === 'zh-CN' ? 'zh_CN' : 'en')),
          skills: input.skills ?? [],
          maxConcurrent: input.maxConcurrent ?? 3,
        },
      });
      return toIdentity(row);
    },

    /** Creates the configured admin on a fresh install; leaves an existing account alone. */
    async ensureAdmin(email: string, password: string) {
      const existing = await db.agent.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
      if (existing) return false;
      try {
        await this.create({ email, name: 'Administrator', password, role: 'admin' });
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return false; // another instance created it
        throw err;
      }
    },

    async login(email: string, password: string): Promise<{ token: string; agent: AgentIdentity; expiresAt: Date } | null> {
      const row = await db.agent.findUnique({ where: { email: email.toLowerCase() } });
      const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
      if (!row || !ok || !row.active) return null;
      const token = newToken();
      const expiresAt = new Date(Date.now() + opts.sessionTtlHours * 3600_000);
      await db.$transaction([
        db.agentSession.create({ data: { agentId: row.id, tokenHash: hashToken(token), expiresAt } }),
        db.agent.update({ where: { id: row.id }, data: { lastLoginAt: new Date() } }),
      ]);
      return { token, agent: toIdentity(row), expiresAt };
    },

    async authenticate(token: string): Promise<AgentIdentity | null> {
      const session = await db.agentSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { agent: true } });
      if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.agent.active) return null;
      return toIdentity(session.agent);
    },

    async logout(token: string) {
      await db.agentSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
    },

    async get(id: string) {
      const row = await db.agent.findUnique({ where: { id } });
      return row ? toIdentity(row) : null;
    },

    async list() {
      return (await db.agent.findMany({ where: { active: true }, orderBy: { name: 'asc' } })).map(toIdentity);
    },
  };
}
export type AgentAccounts = ReturnType<typeof createAgentAccounts>;

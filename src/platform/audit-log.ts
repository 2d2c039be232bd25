// The append-only audit trail: who read or did what, when. Writes never throw into the caller's
// path silently: a failed audit write fails the action that needed it (a bank must prove access).
import type { Database } from '../infra/database.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

export function createAuditLog(db: Database) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditLog.create({ data: { ...entry, detail: (entry.detail ?? {}) as Prisma.InputJsonValue } });
    },
    /** For use inside a caller's transaction (state change and its audit row commit together). */
    entry(entry: AuditEntry): Prisma.AuditLogCreateArgs {
      return { data: { ...entry, detail: (entry.detail ?? {}) as Prisma.InputJsonValue } };
    },
    async list(filter: { subjectType?: string; subjectId?: string; actor?: string; limit?: number }) {
      return db.auditLog.findMany({
        where: { subjectType: filter.subjectType, subjectId: filter.subjectId, actor: filter.actor },
        orderBy: { id: 'desc' },
        take: Math.min(filter.limit ?? 100, 1000),
      });
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;

// Who handles complaints: the supervisors to escalate to, and the case handler a new complaint is
// assigned to (right language, least loaded, under capacity; supervisors for high and crisis).
import type { Database } from '../../infra/database.js';
import type { DbLocale } from '../../conversation/locale.js';
import { OPEN_STATUSES } from '../domain/workflow.js';
import type { Severity } from '../domain/severity.js';

/** Open complaints one agent can carry per concurrent-chat slot (Agent.maxConcurrent). */
export const COMPLAINTS_PER_SLOT = 5;

export interface StaffMember {
  id: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  languages: string[];
}

const staffSelect = { id: true, name: true, role: true, languages: true } as const;

export async function supervisors(db: Database): Promise<StaffMember[]> {
  return db.agent.findMany({ where: { active: true, role: { in: ['supervisor', 'admin'] } }, select: staffSelect, orderBy: { createdAt: 'asc' } });
}

export async function staffByIds(db: Database, ids: string[]): Promise<StaffMember[]> {
  if (!ids.length) return [];
  return db.agent.findMany({ where: { id: { in: ids }, active: true }, select: staffSelect });
}

type Candidate = StaffMember & { skills: string[]; maxConcurrent: number; createdAt: Date };
const ROSTER_TTL_MS = 5000;
const rosters = new WeakMap<Database, { at: number; agents: Promise<Candidate[]> }>();

/** Active staff, cached for a few seconds: triage runs per complaint, the roster changes rarely. */
function roster(db: Database): Promise<Candidate[]> {
  const cached = rosters.get(db);
  if (cached && Date.now() - cached.at < ROSTER_TTL_MS) return cached.agents;
  const agents = db.agent.findMany({ where: { active: true }, select: { ...staffSelect, skills: true, maxConcurrent: true, createdAt: true } });
  rosters.set(db, { at: Date.now(), agents });
  agents.catch(() => rosters.delete(db));
  return agents;
}

export async function pickAssignee(db: Database, c: { category: string; severity: Severity; locale: DbLocale }): Promise<StaffMember | null> {
  const senior = c.severity === 'high' || c.severity === 'crisis';
  const roles = senior ? ['supervisor', 'admin'] : ['agent', 'supervisor'];
  const candidates = (await roster(db)).filter((a) => roles.includes(a.role) && a.languages.includes(c.locale));
  if (!candidates.length) return null;
  const loads = await db.complaint.groupBy({
    by: ['assignedAgentId'],
    where: { assignedAgentId: { in: candidates.map((a) => a.id) }, status: { in: [...OPEN_STATUSES] } },
    _count: { _all: true },
  });
  const load = new Map(loads.map((l) => [l.assignedAgentId, l._count._all]));
  const ranked = candidates
    .map((a) => ({ a, load: load.get(a.id) ?? 0, skilled: a.skills.includes(c.category) ? 0 : 1, rank: a.role === 'agent' ? 0 : a.role === 'supervisor' ? 1 : 2 }))
    .filter((x) => x.load < x.a.maxConcurrent * COMPLAINTS_PER_SLOT)
    .sort((x, y) => x.rank - y.rank || x.skilled - y.skilled || x.load - y.load || x.a.createdAt.getTime() - y.a.createdAt.getTime());
  const best = ranked[0]?.a;
  return best ? { id: best.id, name: best.name, role: best.role, languages: best.languages } : null;
}

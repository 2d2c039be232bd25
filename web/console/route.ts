// Hash routes, so reloading keeps the agent where they were and the server serves one page:
//   #/queue                     the live queue
//   #/c/<conversationId>        a conversation with its context (the agent view; needs a handoff)
//   #/t/<conversationId>        a conversation's read-only record (any conversation; the drill-down opens it)
//   #/complaints[/<reference>]  the complaint list (and one complaint)
//   #/supervisor                approvals, missed clocks, crisis alerts
//   #/dashboard                 KPIs (supervisors and admins)
export type Route =
  | { view: 'queue'; conversationId?: string }
  | { view: 'transcript'; conversationId: string }
  | { view: 'complaints'; reference?: string }
  | { view: 'supervisor' }
  | { view: 'dashboard' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^CMP-\d{4}-\d{6,9}$/i;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  switch (parts[0]) {
    case 'c':
      return parts[1] && UUID.test(parts[1]) ? { view: 'queue', conversationId: parts[1] } : { view: 'queue' };
    case 't':
      return parts[1] && UUID.test(parts[1]) ? { view: 'transcript', conversationId: parts[1] } : { view: 'queue' };
    case 'complaints':
      return parts[1] && REFERENCE.test(parts[1]) ? { view: 'complaints', reference: parts[1].toUpperCase() } : { view: 'complaints' };
    case 'supervisor':
      return { view: 'supervisor' };
    case 'dashboard':
      return { view: 'dashboard' };
    default:
      return { view: 'queue' };
  }
}

export function routeHref(r: Route): string {
  switch (r.view) {
    case 'queue':
      return r.conversationId ? `#/c/${encodeURIComponent(r.conversationId)}` : '#/queue';
    case 'transcript':
      return `#/t/${encodeURIComponent(r.conversationId)}`;
    case 'complaints':
      return r.reference ? `#/complaints/${encodeURIComponent(r.reference)}` : '#/complaints';
    default:
      return `#/${r.view}`;
  }
}

// The console shell: login until there is a session, then the header (navigation, live status,
// language, sign-out) and the view of the current hash route. It owns the one live feed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentIdentity, FeedEvent, HeldEnvelope, LiveEnvelope, Locale } from '../api-types.js';
import { createApi } from '../api.js';
import { translator } from '../i18n.js';
import { createEmitter, openLiveFeed, type FeedStatus } from '../live-feed.js';
import { parseRoute, routeHref, type Route } from '../route.js';
import { clearSession, hasRole, isExpired, loadSession, saveSession, type Session } from '../session.js';
import { ComplaintsView } from './ComplaintsView.js';
import { ConsoleContext, type ConsoleContextValue } from './console-context.js';
import { DashboardView } from './DashboardView.js';
import { Login } from './Login.js';
import { QueueView } from './QueueView.js';
import { SupervisorView } from './SupervisorView.js';
import { TranscriptView } from './TranscriptView.js';

const store = window.sessionStorage;
const LOCALE_KEY = 'teller.console.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* no storage */
  }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession(store));
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [loginNotice, setLoginNotice] = useState<string | undefined>(undefined);
  const [feedStatus, setFeedStatus] = useState<FeedStatus>('connecting');
  const route = useHashRoute();
  const t = useMemo(() => translator(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      /* no storage */
    }
  }, [locale]);

  const endSession = (notice?: string) => {
    clearSession(store);
    setSession(null);
    setLoginNotice(notice);
  };

  const sessionToken = session?.token ?? null;
  const api = useMemo(
    () =>
      createApi({
        getToken: () => loadSession(store)?.token ?? null,
        onUnauthorized: () => endSession(translator(locale)('login.expired')),
      }),
    [locale],
  );

  const emitters = useMemo(() => ({ feed: createEmitter<FeedEvent>(), live: createEmitter<LiveEnvelope>(), held: createEmitter<HeldEnvelope>() }), []);

  // Check a restored session once, and log out when it expires while the page is open.
  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    void api
      .get<AgentIdentity>('/api/agent/me')
      .then((agent) => {
        if (cancelled) return;
        const updated = { ...session, agent, role: agent.role };
        saveSession(store, updated);
      })
      .catch(() => {});
    const ms = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => endSession(t('login.expired')), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [sessionToken]);

  useEffect(() => {
    if (!sessionToken) return;
    return openLiveFeed(sessionToken, {
      onFeed: (e) => emitters.feed.emit(e),
      onLive: (e) => emitters.live.emit(e),
      onHeld: (e) => emitters.held.emit(e),
      onStatus: setFeedStatus,
      onRefused: async () => {
        const s = loadSession(store);
        if (!s || isExpired(s)) return false;
        // A 401 here ends the session through onUnauthorized; anything else: try the stream again.
        return api.get('/api/agent/me').then(
          () => true,
          (err: { status?: number }) => err?.status !== 401,
        );
      },
    });
  }, [sessionToken]);

  const toggleLocale = () => setLocale((l) => (l === 'zh-CN' ? 'en' : 'zh-CN'));

  if (!session) {
    return (
      <Login
        api={api}
        t={t}
        locale={locale}
        onToggleLocale={toggleLocale}
        notice={loginNotice}
        onLoggedIn={(s) => {
          saveSession(store, s);
          setLoginNotice(undefined);
          setSession(s);
        }}
      />
    );
  }

  const supervisor = hasRole(session.role, 'supervisor');
  const ctx: ConsoleContextValue = { api, session, locale, t, feedStatus, ...emitters };
  const view = !supervisor && (route.view === 'supervisor' || route.view === 'dashboard') ? ({ view: 'queue' } as Route) : route;
  const nav: Array<{ route: Route; label: string; id: string }> = [
    { route: { view: 'queue' }, label: t('nav.queue'), id: 'queue' },
    { route: { view: 'complaints' }, label: t('nav.complaints'), id: 'complaints' },
    ...(supervisor
      ? [
          { route: { view: 'supervisor' } as Route, label: t('nav.supervisor'), id: 'supervisor' },
          { route: { view: 'dashboard' } as Route, label: t('nav.dashboard'), id: 'dashboard' },
        ]
      : []),
  ];

  const logout = async () => {
    await api.post('/api/agent/logout').catch(() => {});
    endSession();
  };

  return (
    <ConsoleContext.Provider value={ctx}>
      <div class="shell" data-view={view.view}>
        <header class="topbar">
          <a class="brand" href="#/queue">
            <span class="brand-mark" aria-hidden="true">
              T
            </span>
            <span class="brand-name">{t('app.title')}</span>
          </a>
          <nav class="nav" aria-label="main">
            {nav.map((n) => (
              <a key={n.id} href={routeHref(n.route)} class={`nav-link${view.view === n.route.view ? ' nav-link--active' : ''}`} data-testid={`nav-${n.id}`}>
                {n.label}
              </a>
            ))}
          </nav>
          <div class="topbar-right">
            <span class={`feed-status feed-status--${feedStatus}`} data-testid="feed-status" data-state={feedStatus}>
              <span class="dot" aria-hidden="true" />
              {feedStatus === 'open' ? t('feed.live') : feedStatus === 'connecting' ? t('feed.connecting') : t('feed.offline')}
            </span>
            <button type="button" class="lang-toggle" title={t('lang.toggleTitle')} onClick={toggleLocale} data-testid="lang-toggle">
              {t('lang.toggle')}
            </button>
            <span class="me" data-testid="me">
              <span class="me-name">{session.agent.name}</span>
              <span class="me-role">{t(`role.${session.role}` as 'role.agent')}</span>
            </span>
            <button type="button" class="btn btn--ghost-light" onClick={logout} data-testid="logout">
              {t('nav.logout')}
            </button>
          </div>
        </header>
        <main class="main">
          {view.view === 'queue' && <QueueView conversationId={view.conversationId} />}
          {view.view === 'complaints' && <ComplaintsView reference={view.reference} />}
          {view.view === 'supervisor' && <SupervisorView />}
          {view.view === 'dashboard' && <DashboardView />}
          {view.view === 'transcript' && <TranscriptView key={view.conversationId} conversationId={view.conversationId} />}
        </main>
      </div>
    </ConsoleContext.Provider>
  );
}

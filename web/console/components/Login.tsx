// The sign-in form. Its three hooks (login-email, login-password, login-submit) are part of the
// public contract for browser tests.
import { useState } from 'preact/hooks';
import type { Locale, LoginResponse } from '../api-types.js';
import { ApiError, type Api } from '../api.js';
import type { Translate } from '../i18n.js';
import { sessionFromLogin, type Session } from '../session.js';
import { Banner } from './ui.js';

export function Login(props: { api: Api; t: Translate; locale: Locale; onToggleLocale: () => void; notice?: string; onLoggedIn: (s: Session) => void }) {
  const { api, t } = props;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.postAnonymous<LoginResponse>('/api/agent/login', { email: email.trim(), password });
      props.onLoggedIn(sessionFromLogin(r));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('login.failed'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.rateLimited'));
      else setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <div class="login-lang">
        <button type="button" class="lang-toggle lang-toggle--dark" title={t('lang.toggleTitle')} onClick={props.onToggleLocale} data-testid="lang-toggle">
          {t('lang.toggle')}
        </button>
      </div>
      <form class="login-card" onSubmit={submit} noValidate>
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">
            T
          </span>
          <div>
            <div class="login-bank">{t('app.bank')}</div>
            <div class="login-product">{t('app.title')}</div>
          </div>
        </div>
        <h1 class="login-heading">{t('login.heading')}</h1>
        {props.notice && !error && <Banner tone="info">{props.notice}</Banner>}
        {error && (
          <Banner tone="error" testid="login-error">
            {error}
          </Banner>
        )}
        <label class="field">
          <span class="field-label">{t('login.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('login.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        <button type="submit" class="btn btn--primary btn--block" disabled={busy || !email.trim() || !password} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p class="login-note">{t('login.note')}</p>
      </form>
    </div>
  );
}

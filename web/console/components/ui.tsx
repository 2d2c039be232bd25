// Small building blocks shared by the views. Text is always rendered as text nodes.
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { Badge as BadgeModel } from '../badges.js';
import { labelOf, type Translate } from '../i18n.js';
import type { Locale } from '../api-types.js';

export function Badge(props: { badge: BadgeModel; t: Translate; locale: Locale }) {
  const { badge, t, locale } = props;
  const text =
    badge.kind === 'complaint'
      ? t('badge.complaint', { severity: labelOf(locale, 'severity', badge.severity) })
      : t(`badge.${badge.kind}` as 'badge.urgent');
  return (
    <span class={`badge badge--${badge.tone}`} data-badge={badge.kind}>
      {text}
    </span>
  );
}

export function Pill(props: { tone?: string; children: ComponentChildren; title?: string }) {
  return (
    <span class={`pill pill--${props.tone ?? 'neutral'}`} title={props.title}>
      {props.children}
    </span>
  );
}

export function Banner(props: { tone: 'error' | 'info' | 'success' | 'warning'; children: ComponentChildren; testid?: string; onDismiss?: () => void }) {
  return (
    <div class={`banner banner--${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'} data-testid={props.testid}>
      <span class="banner-text">{props.children}</span>
      {props.onDismiss && (
        <button type="button" class="banner-close" aria-label="×" onClick={props.onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren; testid?: string }) {
  return (
    <p class="empty" data-testid={props.testid}>
      {props.children}
    </p>
  );
}

/** A section whose endpoint this server does not serve: said plainly, not hidden. */
export function NotAvailable(props: { t: Translate; path: string; testid?: string }) {
  return (
    <div class="not-available" data-testid={props.testid ?? 'not-available'}>
      <strong>{props.t('common.notAvailable')}</strong>
      <span>{props.t('common.notAvailableDetail', { path: props.path })}</span>
    </div>
  );
}

/** Loading / error / not-served states of a fetched section. */
export function LoadState(props: { t: Translate; error: unknown; loading: boolean; path: string; onRetry?: () => void }) {
  const { t, error, loading } = props;
  if (error instanceof ApiError && error.missing) return <NotAvailable t={t} path={props.path} />;
  if (error instanceof ApiError && error.status === 403) return <Banner tone="warning">{t('common.forbidden')}</Banner>;
  if (error) {
    return (
      <Banner tone="error">
        {t('common.error', { message: error instanceof Error ? error.message : String(error) })}{' '}
        {props.onRetry && (
          <button type="button" class="link-button" onClick={props.onRetry}>
            {t('common.retry')}
          </button>
        )}
      </Banner>
    );
  }
  if (loading) return <p class="muted loading">{t('common.loading')}</p>;
  return null;
}

export function Modal(props: { title: string; onClose: () => void; children: ComponentChildren; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') props.onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const onBackdrop = (e: TargetedMouseEvent<HTMLDivElement>) => {
    if (e.target === e.currentTarget) props.onClose();
  };
  return (
    <div class="modal-backdrop" onClick={onBackdrop}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={props.title} ref={ref} data-testid={props.testid}>
        <h2 class="modal-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export function Field(props: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint && <span class="field-hint">{props.hint}</span>}
    </label>
  );
}

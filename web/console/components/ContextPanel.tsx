// Everything the bot knew, for the agent: summary, reason, intents, sentiment trend, the customer's
// profile and segment, the linked complaint, channel and language.
import type { Handoff } from '../api-types.js';
import { formatDate, formatNumber } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { sentimentTone, sparkline } from '../sentiment.js';
import { useConsole } from './console-context.js';

const SPARK_W = 220;
const SPARK_H = 44;

export function ContextPanel(props: { handoff: Handoff }) {
  const { t, locale } = useConsole();
  const ctx = props.handoff.context;
  const intents = ctx.intents?.length ? ctx.intents : ctx.intent ? [ctx.intent] : [];
  const sentiment = ctx.sentiment;
  const spark = sentiment ? sparkline(sentiment.values, SPARK_W, SPARK_H) : null;
  const tone = sentimentTone(sentiment?.latest);
  const c = ctx.customer;
  // The reason in the console's language when we know the code; the server's own text otherwise.
  const reasonCode = ctx.reason ?? props.handoff.reason;
  const known = labelOf(locale, 'reason', reasonCode);
  const reasonLabel = known && known !== reasonCode ? known : ctx.reasonText || reasonCode;

  return (
    <aside class="context" data-testid="context-panel" aria-label={t('conv.context')}>
      <section class="ctx-section">
        <h3 class="ctx-title">
          {t('ctx.summary')}
          {ctx.summarySource && <span class="ctx-sub">{ctx.summarySource === 'llm' ? t('ctx.summaryLlm') : t('ctx.summaryExtractive')}</span>}
        </h3>
        <p class="ctx-summary" data-testid="context-summary">
          {ctx.summary}
        </p>
      </section>

      <section class="ctx-section ctx-grid">
        <div>
          <div class="ctx-label">{t('ctx.reason')}</div>
          <div class="ctx-value" data-testid="context-reason">
            {reasonLabel}
          </div>
        </div>
        <div>
          <div class="ctx-label">{t('ctx.channel')}</div>
          <div class="ctx-value" data-testid="context-channel">
            {labelOf(locale, 'channel', ctx.channel)}
          </div>
        </div>
        <div>
          <div class="ctx-label">{t('ctx.language')}</div>
          <div class="ctx-value" data-testid="context-language">
            {labelOf(locale, 'locale', ctx.language)}
          </div>
        </div>
      </section>

      <section class="ctx-section">
        <h3 class="ctx-title">{t('ctx.intents')}</h3>
        <div class="chips" data-testid="context-intents">
          {intents.length ? (
            intents.map((i) => (
              <span key={i} class={`tag${i === ctx.intent ? ' tag--primary' : ''}`}>
                {i}
              </span>
            ))
          ) : (
            <span class="muted">{t('common.none')}</span>
          )}
        </div>
      </section>

      <section class="ctx-section">
        <h3 class="ctx-title">
          {t('ctx.sentiment')}
          <span class={`ctx-sub sentiment--${tone}`} data-testid="context-sentiment">
            {t(`sentiment.${sentiment?.direction ?? 'unknown'}` as 'sentiment.stable')}
            {sentiment?.latest !== null && sentiment?.latest !== undefined ? ` (${formatNumber(sentiment.latest, locale, 2)})` : ''}
          </span>
        </h3>
        {spark && spark.points ? (
          <svg class="sparkline" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} width={SPARK_W} height={SPARK_H} role="img" aria-label={t('ctx.sentiment')}>
            <line x1="0" x2={SPARK_W} y1={spark.zeroY} y2={spark.zeroY} class="sparkline-zero" />
            <polyline points={spark.points} class={`sparkline-line sparkline-line--${tone}`} />
            {spark.last && <circle cx={spark.last.x} cy={spark.last.y} r="3" class={`sparkline-dot sparkline-line--${tone}`} />}
          </svg>
        ) : null}
      </section>

      <section class="ctx-section" data-testid="context-customer">
        <h3 class="ctx-title">{t('ctx.customer')}</h3>
        {c ? (
          <dl class="facts">
            <dt>{t('ctx.customer')}</dt>
            <dd>{c.name || c.externalId || t('ctx.anonymous')}</dd>
            <dt>{t('ctx.segment')}</dt>
            <dd>
              <span class={`pill pill--segment-${c.segment}`} data-testid="context-segment">
                {labelOf(locale, 'segment', c.segment)}
              </span>
              {c.vulnerable && <span class="pill pill--warning">{t('badge.vulnerable')}</span>}
            </dd>
            <dt>{t('ctx.customerSince')}</dt>
            <dd>{formatDate(c.customerSince)}</dd>
            <dt>{t('ctx.conversations')}</dt>
            <dd>{formatNumber(c.conversations, locale)}</dd>
            <dt>{t('ctx.openComplaints')}</dt>
            <dd>{formatNumber(c.openComplaints, locale)}</dd>
          </dl>
        ) : (
          <p class="muted">{t('ctx.anonymous')}</p>
        )}
      </section>

      <section class="ctx-section" data-testid="context-complaint">
        <h3 class="ctx-title">{t('ctx.complaint')}</h3>
        {ctx.complaint ? (
          <div class="ctx-complaint">
            <a class="ref-link" href={routeHref({ view: 'complaints', reference: ctx.complaint.reference })}>
              {ctx.complaint.reference}
            </a>
            <div class="chips">
              <span class={`pill pill--sev-${ctx.complaint.severity}`}>{labelOf(locale, 'severity', ctx.complaint.severity)}</span>
              <span class="pill pill--neutral">{labelOf(locale, 'status', ctx.complaint.status)}</span>
              <span class="pill pill--neutral">{labelOf(locale, 'category', ctx.complaint.category)}</span>
            </div>
            {ctx.complaint.dueAt && <div class="muted small">{t('ctx.due', { date: formatDate(ctx.complaint.dueAt) })}</div>}
          </div>
        ) : (
          <p class="muted">{t('ctx.noComplaint')}</p>
        )}
      </section>
    </aside>
  );
}

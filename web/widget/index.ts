/**
 * Entry of widget.js. Embedding is one tag:
 *   <script src="https://bank.example/widget.js" data-teller-base="https://teller.bank.example"
 *           data-teller-locale="zh-CN" defer></script>
 * Optional: data-teller-open="true" opens the panel on load, data-teller-color="#0b4f9c" sets the
 * brand colour. The page can also call window.Teller.open()/close(), or mark any element with
 * data-teller-action="open" to make it open the chat (works under a strict script CSP).
 */
import { createTellerChat } from './chat.js';
import { readEmbedConfig } from './config.js';
import { matchLocale } from './locale.js';
import { browserStorage } from './storage.js';

export interface TellerGlobal {
  open(): void;
  close(): void;
  setLocale(locale: string): void;
}

declare global {
  interface Window {
    Teller?: TellerGlobal;
  }
}

function boot(script: HTMLScriptElement | null): void {
  const config = readEmbedConfig({
    scriptSrc: script?.src,
    dataset: script ? { ...script.dataset } : {},
    pageUrl: location.href,
    htmlLang: document.documentElement.lang,
    navigatorLanguages: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
  const chat = createTellerChat({ config, storage: browserStorage() });
  chat.mount();

  window.Teller = {
    open: () => chat.setOpen(true),
    close: () => chat.setOpen(false),
    setLocale: (tag) => {
      const locale = matchLocale(tag);
      if (locale) chat.setLocale(locale);
    },
  };

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-teller-action="open"]') : null;
    if (target) {
      event.preventDefault();
      chat.setOpen(true);
    }
  });

  // Without a pinned locale the widget speaks the page's language, also when the page switches it.
  if (!config.localePinned && typeof MutationObserver === 'function') {
    new MutationObserver(() => {
      const locale = matchLocale(document.documentElement.lang);
      if (locale) chat.setLocale(locale);
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
}

// currentScript is only set while this file first runs, so capture it before waiting for the DOM.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
if (!window.Teller) {
  if (document.body) boot(script);
  else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });
}

/** Splits message text into plain runs and http(s) links, so links can be made clickable without HTML. */
export interface TextRun {
  text: string;
  href?: string;
  /** From the **bold** of the knowledge base's simple Markdown. */
  bold?: boolean;
}

/** Links plus **bold**: the one piece of Markdown answers use inline (lists stay as written lines). */
export function splitRichText(text: string): TextRun[] {
  const runs: TextRun[] = [];
  const parts = text.split(/\*\*([^*\n]+?)\*\*/);
  parts.forEach((part, i) => {
    if (!part) return;
    for (const run of splitLinks(part)) runs.push(i % 2 === 1 ? { ...run, bold: true } : run);
  });
  return runs;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

export function splitLinks(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  URL_PATTERN.lastIndex = 0;
  for (let m = URL_PATTERN.exec(text); m; m = URL_PATTERN.exec(text)) {
    const url = m[0].replace(TRAILING_PUNCTUATION, '');
    if (!safeHttpUrl(url)) continue;
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    runs.push({ text: url, href: url });
    last = m.index + url.length;
    URL_PATTERN.lastIndex = last;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** Only absolute http(s) URLs become links; "javascript:" and friends stay text. */
export function safeHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

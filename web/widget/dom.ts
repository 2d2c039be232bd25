/**
 * The only way the widget builds DOM: attributes via setAttribute and text via text nodes.
 * There is deliberately no innerHTML anywhere, so server or customer text can never become markup.
 */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** `h('p.banner', { role: 'status' }, 'text')`: a tag with optional `.class` names, attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K | `${K}.${string}`, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name as K);
  if (classes.length) el.className = classes.join(' ');
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A plain button (type="button", so it never submits a form) that calls `onClick`. */
export function button(tag: `button.${string}`, attrs: Attrs, onClick: () => void, ...children: Child[]): HTMLButtonElement {
  const el = h(tag, { type: 'button', ...attrs }, ...children);
  on(el, 'click', onClick);
  return el;
}

/** addEventListener with the event typed by its name (window's map covers elements' events too). */
export function on<K extends keyof WindowEventMap>(target: EventTarget, type: K, listener: (event: WindowEventMap[K]) => void): void {
  target.addEventListener(type, listener as EventListener);
}

/** `false`, null and undefined remove the attribute; `true` sets it empty. */
export function setAttrs(el: Element, attrs: Attrs): void {
  for (const name in attrs) {
    const value = attrs[name];
    if (value === false || value == null) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child) el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's content with the given children. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.textContent = '';
  append(el, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Material-style icon paths on a 24×24 grid. */
export const ICONS = {
  chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM6 9h12v2H6zm8 5H6v-2h8zm4-6H6V6h12z',
  close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  minimise: 'M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6z',
  send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
  star: 'M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z',
  shield: 'M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5l-9-4zm-2 16-4-4 1.41-1.41L10 14.17l6.59-6.59L18 9l-8 8z',
} as const;

export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  setAttrs(svg, { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' });
  const path = document.createElementNS(SVG_NS, 'path');
  setAttrs(path, { d: ICONS[name], fill: 'currentColor' });
  svg.appendChild(path);
  return svg;
}

/// <reference lib="dom" />

type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes (strings; `class` included) and children (text is escaped).
 *
 * @example
 * el('td', { class: 'cell hostile', 'data-source': 'JPN' }, 'REJECT');
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** The element with this id (the page defines every one the dashboard uses). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

/**
 * Which text of a page is read: the blocks of the article, its headings and captions, and not the
 * site's chrome (navigation, menus, cookie banners, footers), code, forms or editable regions.
 *
 * A block is the text of one block-level element with its inline descendants, so a name split
 * across inline elements (`<a>Jensen</a> <b>Huang</b>`) is one piece of text. Each block keeps the
 * text nodes it was built from, so offsets map back to DOM ranges without touching the page.
 */

export type BlockKind = 'heading' | 'caption' | 'text';

export interface TextBlock {
  text: string;
  kind: BlockKind;
  /** How many of the block's characters are link text: menus and link lists are mostly links. */
  linkChars?: number;
  /** The text nodes of the block in order, with the offset of each in `text`. */
  nodes: { node: Text; start: number }[];
}

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'MATH',
  'NAV',
  'ASIDE',
  'FORM',
  'DIALOG',
  'MENU',
  'HEAD',
  'TITLE',
  'AUDIO',
  'VIDEO',
]);

/** Site chrome when it is not part of the article itself. */
const CHROME_TAGS = new Set(['HEADER', 'FOOTER']);

const SKIP_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'menu',
  'menubar',
  'search',
  'dialog',
  'alertdialog',
  'complementary',
  'toolbar',
  'tablist',
  'form',
]);

const CHROME_HINT =
  /(^|[\s_-])(cookie|consent|gdpr|newsletter|share|sharing|social|comments?|related|promo|advert|ads?|sponsor|breadcrumbs?|menu|navbar|nav|footer|masthead|subscribe|paywall|teaser-list)([\s_-]|$)/i;

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'HEADER',
  'FOOTER',
  'LEGEND',
]);

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** Elements Dossier itself adds to a page (the card's shadow host) are never read. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-dossier';

function insideArticle(el: Element): boolean {
  return el.parentElement?.closest('article, main, [role="main"]') != null;
}

export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
  if (CHROME_TAGS.has(el.tagName.toUpperCase()) && !insideArticle(el)) return true;
  if (el.hasAttribute(OWN_ELEMENT_ATTRIBUTE) || el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = el.getAttribute('role');
  if (role && SKIP_ROLES.has(role)) return true;
  const hint = `${el.id} ${typeof el.className === 'string' ? el.className : ''}`;
  return hint.trim() !== '' && CHROME_HINT.test(hint);
}

function kindOf(el: Element | null): BlockKind {
  for (let e = el; e; e = e.parentElement) {
    const tag = e.tagName.toUpperCase();
    if (HEADING_TAGS.has(tag)) return 'heading';
    if (tag === 'FIGCAPTION' || tag === 'CAPTION') return 'caption';
    if (BLOCK_TAGS.has(tag)) return 'text';
  }
  return 'text';
}

/**
 * Yields the readable blocks under `root`, in document order, one at a time, so a caller on a
 * page's main thread can stop between blocks and let the page run. Open shadow roots are read as
 * part of their host; `onShadowRoot` hears of each, so a live reader can watch it for changes.
 */
export function* iterateBlocks(root: Element, onShadowRoot?: (shadow: ShadowRoot) => void): Generator<TextBlock> {
  let current: TextBlock | null = null;
  // An explicit stack instead of recursion: pages nest deeply, and a generator cannot yield from
  // inside a nested function.
  type Step = { node: Node; leave?: false } | { node: Element; leave: true };
  const stack: Step[] = [{ node: root }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (step.leave) {
      if (current && isContent(current)) yield current;
      current = null;
      continue;
    }
    const node = step.node;
    if (node.nodeType === 3) {
      const text = node as Text;
      if (text.data === '') continue;
      current ??= { text: '', kind: kindOf(text.parentElement), nodes: [], linkChars: 0 };
      current.nodes.push({ node: text, start: current.text.length });
      current.text += text.data;
      if (text.parentElement?.closest('a[href]')) current.linkChars = (current.linkChars ?? 0) + text.data.length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (isSkipped(el)) {
      // Skipped chrome between two inline runs still separates their words.
      if (current) current.text += ' ';
      continue;
    }
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      if (current) current.text += '\n';
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      if (current && isContent(current)) yield current;
      current = null;
      stack.push({ node: el, leave: true });
    }
    const children = Array.from(el.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]! });
    const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
    if (shadow) {
      onShadowRoot?.(shadow);
      const inShadow = Array.from(shadow.childNodes);
      for (let i = inShadow.length - 1; i >= 0; i--) stack.push({ node: inShadow[i]! });
    }
  }
  if (current && isContent(current)) yield current;
}

/** All readable blocks under `root`, in document order. */
export function extractBlocks(root: Element): TextBlock[] {
  return [...iterateBlocks(root)];
}

/** Whether `el` or one of its ancestors is chrome or otherwise not read. */
export function isInSkippedRegion(el: Element | null): boolean {
  for (let e = el; e; e = e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null) {
    if (isSkipped(e)) return true;
  }
  return false;
}

/** The nearest block-level element holding `node`: the unit re-read when text inside it changes. */
export function blockContainerOf(node: Node): Element | null {
  let e: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!e && node.parentNode instanceof ShadowRoot) e = node.parentNode.host;
  // Inside an open shadow root without a block of its own, the host's block holds the text.
  for (; e; e = e.parentElement ?? (e.getRootNode() as Partial<ShadowRoot>).host ?? null) {
    if (BLOCK_TAGS.has(e.tagName.toUpperCase())) return e;
  }
  return null;
}

/** The DOM range of [start, end) in a block, or null when the offsets fall outside its nodes. */
export function rangeOf(doc: Document, block: TextBlock, start: number, end: number): Range | null {
  const at = (offset: number, isEnd: boolean) => {
    // The last node starting at or before the offset (for an end, strictly before it).
    let lo = 0;
    let hi = block.nodes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = block.nodes[mid]!.start;
      if (isEnd ? s < offset : s <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return null;
    const { node, start: nodeStart } = block.nodes[found]!;
    const local = offset - nodeStart;
    if (local < 0 || local > node.data.length) return null;
    return { node, local };
  };
  const a = at(start, false);
  const b = at(end, true);
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.local);
  range.setEnd(b.node, b.local);
  return range;
}

/**
 * Whether a block is article text rather than boilerplate. Blocks of mostly link text are menus,
 * tag clouds and "read more" lists that escaped the markup rules above (the link-density test of
 * boilerplate removal); headings and captions are always kept.
 */
function isContent(block: TextBlock): boolean {
  const length = block.text.trim().length;
  if (length === 0) return false;
  if (block.kind !== 'text') return true;
  return (block.linkChars ?? 0) / length < 0.6;
}

/**
 * The card lives in a closed shadow root, which page scripts and Playwright's locators cannot
 * enter. The DevTools protocol can: DOM.getDocument with `pierce` lists the nodes of closed shadow
 * roots too, so tests read and operate the card the way a person sees it, without a test hook in
 * the product.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
}

function attr(node: DomNode, name: string): string | undefined {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const root of node.shadowRoots ?? []) yield* walk(root);
  for (const child of node.children ?? []) yield* walk(child);
}

function textOf(node: DomNode): string {
  const parts: string[] = [];
  const visit = (n: DomNode) => {
    if (n.nodeType === 3 && n.nodeValue) parts.push(n.nodeValue);
    if (n.localName === 'style' || n.localName === 'script') return;
    for (const r of n.shadowRoots ?? []) visit(r);
    for (const c of n.children ?? []) visit(c);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** A card on the page as the probe sees it: its text and whether the reader pinned it. */
export interface CardSeen {
  text: string;
  pinned: boolean;
}

/** The element that has keyboard focus inside the cards' closed shadow root. */
export interface FocusSeen {
  tag: string;
  role: string | null;
  label: string | null;
  text: string;
  pressed: string | null;
}

function visibleLayers(root: DomNode): DomNode[] {
  const layers: DomNode[] = [];
  for (const node of walk(root)) {
    if (node.localName === 'div' && attr(node, 'class') === 'dossier-layer' && attr(node, 'hidden') === undefined) {
      layers.push(node);
    }
  }
  return layers;
}

export class CardProbe {
  private session: CDPSession | null = null;

  /**
   * `pick` chooses the card the probe works on among the visible ones (in page order); by default
   * the one in front: the passing card, else the card pinned last.
   */
  constructor(
    private readonly page: Page,
    private readonly pick: (layers: DomNode[]) => DomNode | undefined = (layers) => layers.at(-1),
  ) {}

  /** A probe of the card whose text `matches` (of several open ones). */
  card(matches: (text: string) => boolean): CardProbe {
    return new CardProbe(this.page, (layers) => layers.find((layer) => matches(textOf(layer))));
  }

  /** Every open card, in page order (pinned cards first, oldest first). */
  async cards(): Promise<CardSeen[]> {
    return visibleLayers(await this.tree()).map((layer) => ({
      text: textOf(layer),
      pinned: attr(layer, 'data-pinned') !== undefined,
    }));
  }

  async waitForCards(predicate: (cards: CardSeen[]) => boolean, timeout = 10_000): Promise<CardSeen[]> {
    const until = Date.now() + timeout;
    let last: CardSeen[] = [];
    while (Date.now() < until) {
      last = await this.cards();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The cards did not reach the expected state; they show: ${JSON.stringify(last)}`);
  }

  /** What has keyboard focus inside the cards, or null when focus is elsewhere. */
  async focused(): Promise<FocusSeen | null> {
    let shadowRoot: DomNode | undefined;
    for (const node of walk(await this.tree())) {
      if (node.localName === 'dossier-card') shadowRoot = node.shadowRoots?.[0];
    }
    if (!shadowRoot) return null;
    const { object } = (await this.session!.send('DOM.resolveNode', { nodeId: shadowRoot.nodeId })) as {
      object: { objectId?: string };
    };
    const { result } = (await this.session!.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: String.raw`function () {
        const el = this.activeElement;
        if (!el) return null;
        return {
          tag: el.localName,
          role: el.getAttribute('role'),
          label: el.getAttribute('aria-label'),
          text: (el.textContent || '').replace(/\s+/g, ' ').trim(),
          pressed: el.getAttribute('aria-pressed'),
        };
      }`,
    })) as { result: { value: FocusSeen | null } };
    return result.value;
  }

  async waitForFocus(predicate: (focus: FocusSeen | null) => boolean, timeout = 10_000): Promise<FocusSeen | null> {
    const until = Date.now() + timeout;
    let last: FocusSeen | null = null;
    while (Date.now() < until) {
      last = await this.focused();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Focus did not reach the expected place; it is on: ${JSON.stringify(last)}`);
  }

  /** Rests the pointer on the card's button or link whose text or accessible label is `label`. */
  async hover(label: string): Promise<{ x: number; y: number }> {
    const control = await this.find(
      (n) =>
        (n.localName === 'button' || n.localName === 'a') && (textOf(n) === label || attr(n, 'aria-label') === label),
    );
    const { x, y } = await this.centre(control);
    await this.page.mouse.move(x, y, { steps: 3 });
    return { x, y };
  }

  /** Clicks the card's button or link whose text or accessible label is `label`. */
  async click(label: string): Promise<void> {
    const { x, y } = await this.hover(label);
    await this.page.mouse.click(x, y);
  }

  /** The card's on-screen box, as the reader sees it. */
  async box(): Promise<{ x: number; y: number; width: number; height: number }> {
    const layer = await this.layer();
    if (!layer) throw new Error('No card is open');
    const { model } = (await this.session!.send('DOM.getBoxModel', { nodeId: layer.nodeId })) as {
      model: { border: number[]; width: number; height: number };
    };
    return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
  }

  private async tree(): Promise<DomNode> {
    this.session ??= await this.page.context().newCDPSession(this.page);
    const { root } = (await this.session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return root;
  }

  /** The open card's layer element, or null when no card is shown. */
  private async layer(): Promise<DomNode | null> {
    return this.pick(visibleLayers(await this.tree())) ?? null;
  }

  /** Whether the card's shadow host is in a closed shadow root, as the page sees it. */
  async hostShadowMode(): Promise<string | undefined> {
    for (const node of walk(await this.tree())) {
      if (node.localName === 'dossier-card') {
        return node.shadowRoots?.[0]?.shadowRootType;
      }
    }
    return undefined;
  }

  async text(): Promise<string | null> {
    const layer = await this.layer();
    return layer ? textOf(layer) : null;
  }

  async waitForText(predicate: (text: string | null) => boolean, timeout = 10_000): Promise<string | null> {
    const until = Date.now() + timeout;
    let last: string | null = null;
    while (Date.now() < until) {
      last = await this.text();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The card did not reach the expected state; it shows: ${JSON.stringify(last)}`);
  }

  private async find(predicate: (node: DomNode) => boolean): Promise<DomNode> {
    const layer = await this.layer();
    if (!layer) throw new Error('No card is open');
    for (const node of walk(layer)) if (predicate(node)) return node;
    throw new Error('The card has no such element');
  }

  private async centre(node: DomNode): Promise<{ x: number; y: number }> {
    // As a reader would, scroll the card (or the page) until the element is in view.
    await this.session!.send('DOM.scrollIntoViewIfNeeded', { nodeId: node.nodeId });
    const { model } = (await this.session!.send('DOM.getBoxModel', { nodeId: node.nodeId })) as {
      model: { content: number[] };
    };
    const [x1, y1, x2, , , y3] = model.content as [number, number, number, number, number, number];
    return { x: (x1 + x2) / 2, y: (y1 + y3) / 2 };
  }

  async clickButton(label: string): Promise<void> {
    const button = await this.find((n) => n.localName === 'button' && textOf(n) === label);
    const { x, y } = await this.centre(button);
    await this.page.mouse.move(x, y, { steps: 3 });
    await this.page.mouse.click(x, y);
  }

  /** Replaces the value of the card's form field named `name` by typing `text`, as a reader would. */
  async fill(name: string, text: string): Promise<void> {
    const field = await this.find(
      (n) => (n.localName === 'input' || n.localName === 'textarea') && attr(n, 'name') === name,
    );
    await this.session!.send('DOM.focus', { nodeId: field.nodeId });
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
  }

  /** Chooses `value` in the card's select named `name`, through the keyboard as a reader could. */
  async choose(name: string, label: string): Promise<void> {
    const select = await this.find((n) => n.localName === 'select' && attr(n, 'name') === name);
    await this.session!.send('DOM.focus', { nodeId: select.nodeId });
    // Typing an option's first letters selects it in a focused, closed select.
    await this.page.keyboard.type(label);
  }

  async type(text: string): Promise<void> {
    const area = await this.find((n) => n.localName === 'textarea');
    await this.session!.send('DOM.focus', { nodeId: area.nodeId });
    await this.page.keyboard.type(text);
  }
}

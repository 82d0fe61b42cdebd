// @vitest-environment happy-dom
// The card's header and related entities, as the in-page card uses them.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityCard } from '../../components/EntityCard';
import type { Entity } from '../../utils/knowledge/types';

const huang: Entity = {
  id: 'news:jensen-huang',
  type: 'person',
  labels: { en: 'Jensen Huang' },
  description: { en: 'Co-founder and CEO of Nvidia' },
  source: { pack: 'news', title: { en: 'News' }, version: '1', asOf: '2025-06' },
};

let root: HTMLElement;

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(props: Partial<Parameters<typeof EntityCard>[0]>): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(<EntityCard entity={huang} lang="en" {...props} />, root);
  });
  return root;
}

describe('EntityCard', () => {
  it('has a pin toggle that says whether the card is pinned', async () => {
    const onPin = vi.fn();
    const card = await show({ onPin, pinned: true, onClose: () => {} });
    // Outside the extension the key stands for the message; the catalogues hold the words.
    const pin = card.querySelector<HTMLButtonElement>('button[aria-label="pinCard"]')!;
    expect(pin.getAttribute('aria-pressed')).toBe('true');
    pin.click();
    expect(onPin).toHaveBeenCalledOnce();
  });

  it('lists related entities as buttons that open their cards', async () => {
    const onOpenRelated = vi.fn();
    const card = await show({
      related: [
        { id: 'news:nvidia', name: 'Nvidia', description: 'Chip designer' },
        { id: 'places:taiwan', name: 'Taiwan' },
      ],
      onOpenRelated,
    });
    const buttons = [...card.querySelectorAll<HTMLButtonElement>('.card-related button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Nvidia', 'Taiwan']);
    // Pointing at one (or tabbing to it) says what it is before the reader chooses it.
    await act(() => {
      buttons[0]!.dispatchEvent(new Event('focus'));
    });
    expect(card.querySelector('.card-related-preview')?.textContent).toBe('Nvidia: Chip designer');
    await act(() => {
      buttons[0]!.dispatchEvent(new Event('blur'));
    });
    expect(card.querySelector('.card-related-preview')).toBeNull();
    buttons[1]!.click();
    expect(onOpenRelated).toHaveBeenCalledWith('places:taiwan');
  });

  it('shows related entities as plain names where they cannot be opened, and no pin without onPin', async () => {
    const card = await show({ related: [{ id: 'news:nvidia', name: 'Nvidia' }] });
    expect(card.querySelector('.card-related button')).toBeNull();
    expect(card.querySelector('.card-related')?.textContent).toContain('Nvidia');
    expect(card.querySelector('.card-pin')).toBeNull();
  });

  it('has a way back to the card the reader came from', async () => {
    const onBack = vi.fn();
    const card = await show({ back: { label: 'Elon Musk', onBack } });
    const back = card.querySelector<HTMLButtonElement>('.card-back')!;
    expect(back.textContent).toContain('Elon Musk');
    back.click();
    expect(onBack).toHaveBeenCalledOnce();
  });
});

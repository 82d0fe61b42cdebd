// @vitest-environment happy-dom
// The Reading settings form reports what the reader changes, and keeps the delay in its range.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadingSettingsForm, type ReadingSettings } from '../../entrypoints/options/ReadingSettingsForm';

let root: HTMLElement;
let changes: Partial<ReadingSettings>[];

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(settings: ReadingSettings): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.append(root);
  changes = [];
  await act(() => {
    render(<ReadingSettingsForm settings={settings} onChange={(c) => changes.push(c)} />, root);
  });
  return root;
}

const DEFAULTS: ReadingSettings = { markStyle: 'underline', unmarkedTypes: [], hoverDelayMs: 300 };

describe('ReadingSettingsForm', () => {
  it('shows the current choices', async () => {
    const form = await show({ markStyle: 'tint', unmarkedTypes: ['place'], hoverDelayMs: 700 });
    expect(form.querySelector<HTMLInputElement>('input[value="tint"]')!.checked).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[value="underline"]')!.checked).toBe(false);
    expect(form.querySelector<HTMLInputElement>('input[name="markedType"][value="place"]')!.checked).toBe(false);
    expect(form.querySelector<HTMLInputElement>('input[name="markedType"][value="person"]')!.checked).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!.value).toBe('700');
    // Every control has a name a screen reader can say.
    for (const input of Array.from(form.querySelectorAll('input'))) {
      expect(input.closest('label') ?? input.getAttribute('aria-labelledby'), input.name).toBeTruthy();
    }
  });

  it('reports a style, and a type switched off and on again', async () => {
    const form = await show({ ...DEFAULTS, unmarkedTypes: ['event'] });
    await act(() => form.querySelector<HTMLInputElement>('input[value="underline-tint"]')!.click());
    await act(() => form.querySelector<HTMLInputElement>('input[name="markedType"][value="product"]')!.click());
    await act(() => form.querySelector<HTMLInputElement>('input[name="markedType"][value="event"]')!.click());
    expect(changes).toEqual([
      { markStyle: 'underline-tint' },
      { unmarkedTypes: ['event', 'product'] },
      { unmarkedTypes: [] },
    ]);
  });

  it('keeps a typed delay within its range and ignores what is not a number', async () => {
    const form = await show(DEFAULTS);
    const field = form.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!;
    const type = (value: string) =>
      act(() => {
        field.value = value;
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
    await type('5000');
    await type('20');
    await type('');
    expect(changes).toEqual([{ hoverDelayMs: 1500 }, { hoverDelayMs: 100 }]);
  });
});

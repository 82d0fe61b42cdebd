// @vitest-environment happy-dom
// A note that cannot be saved because storage is full says so plainly, and keeps what was typed.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteEditor } from '../../components/NoteEditor';

let root: HTMLElement;

afterEach(() => {
  render(null, root);
  root.remove();
});

async function saveFailing(error: Error): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(<NoteEditor onSave={() => Promise.reject(error)} onCancel={() => {}} />, root);
  });
  const area = root.querySelector('textarea')!;
  await act(() => {
    area.value = 'Frag nach den Zöllen.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await Promise.resolve();
  });
  return root;
}

describe('NoteEditor', () => {
  it('tells the reader when storage is full, and keeps the text', async () => {
    const editor = await saveFailing(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    // Outside the extension the key stands for the message; the catalogues hold the words.
    expect(editor.querySelector('[role="alert"]')?.textContent).toBe('noteStorageFull');
    expect(editor.querySelector('textarea')!.value).toBe('Frag nach den Zöllen.');
  });

  it('names any other failure, and keeps the text', async () => {
    const editor = await saveFailing(new Error('Could not establish connection'));
    expect(editor.querySelector('[role="alert"]')?.textContent).toBe('noteSaveFailed');
    expect(editor.querySelector('textarea')!.value).toBe('Frag nach den Zöllen.');
  });
});

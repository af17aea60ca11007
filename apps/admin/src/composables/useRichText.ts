import { type Ref } from 'vue';
import { safeUrl } from '../content';

export type BlockTag = 'p' | 'h3' | 'blockquote';

/**
 * Formatting commands for a `contenteditable` area, on the browser's own editing commands.
 * `execCommand` is deprecated but still the only built-in way to edit with undo history in
 * every browser, and the tags it produces are the ones the server's sanitiser keeps.
 */
export function useRichText(area: Ref<HTMLElement | undefined>, onChange: () => void) {
  let saved: Range | null = null;

  /** Remembers the selection inside the area before a prompt takes the focus away. */
  function keepSelection(): void {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (area.value?.contains(range.commonAncestorContainer)) saved = range.cloneRange();
  }

  function restoreSelection(): void {
    area.value?.focus();
    if (!saved) return;
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(saved);
  }

  /**
   * Chrome puts a list made inside a paragraph into that paragraph (`<p><ul>`), which is not
   * valid HTML and comes back from the server as empty paragraphs around the list: lift it out.
   */
  function liftLists(): void {
    area.value?.querySelectorAll('p > ul, p > ol').forEach((list) => {
      const paragraph = list.parentElement;
      if (!paragraph) return;
      paragraph.before(...Array.from(paragraph.childNodes));
      paragraph.remove();
    });
  }

  function run(command: string, value?: string): void {
    restoreSelection();
    document.execCommand(command, false, value);
    liftLists();
    keepSelection();
    onChange();
  }

  /** The block tag around the caret, to make the heading button a toggle. */
  function currentBlock(): string {
    const value = document.queryCommandValue('formatBlock');
    return typeof value === 'string' ? value.toLowerCase() : '';
  }

  function block(tag: BlockTag): void {
    restoreSelection();
    const next = tag !== 'p' && currentBlock() === tag ? 'p' : tag;
    run('formatBlock', `<${next}>`);
  }

  /** Makes the selection a link; false when the address would not survive the sanitiser. */
  function link(input: string): boolean {
    const url = safeUrl(input);
    if (!url) return false;
    run('createLink', url);
    return true;
  }

  function image(input: string): boolean {
    const url = safeUrl(input);
    if (!url) return false;
    run('insertImage', url);
    return true;
  }

  /** New lines become paragraphs rather than bare `div`s, which the sanitiser would unwrap. */
  function prepare(): void {
    document.execCommand('defaultParagraphSeparator', false, 'p');
  }

  return {
    keepSelection,
    prepare,
    bold: () => run('bold'),
    italic: () => run('italic'),
    bulletList: () => run('insertUnorderedList'),
    numberedList: () => run('insertOrderedList'),
    clear: () => run('removeFormat'),
    block,
    link,
    image,
  };
}

import { css, html, LitElement, TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from './style-props';
import { repeat } from 'lit/directives/repeat.js';

/** Where a list's rows come from (a PageCache): how many there are, and a request to have rows first..last ready. */
export interface RowSource {
  readonly total: number;
  ensure(first: number, last: number): void;
}

export const virtualListStyles = css`
  ey-virtual-list {
    display: block;
    position: relative;
    overflow: auto;
    outline: none;
    border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
  }
  ey-virtual-list:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: -1px;
  }
  ey-virtual-list .spacer {
    position: relative;
  }
  ey-virtual-list .row {
    position: absolute;
    left: 0;
    right: 0;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    cursor: default;
    padding: 0 6px;
    border: 1px solid transparent;
  }
  ey-virtual-list .row:hover {
    background: var(--vscode-list-hoverBackground);
  }
  ey-virtual-list .row.selected {
    background: var(--vscode-list-inactiveSelectionBackground);
  }
  ey-virtual-list .row.active {
    background: var(--vscode-list-activeSelectionBackground);
    color: var(--vscode-list-activeSelectionForeground);
  }
  ey-virtual-list:focus-within .row.active {
    border-color: var(--vscode-list-focusOutline, var(--vscode-focusBorder));
  }
  ey-virtual-list .empty {
    padding: 12px;
    color: var(--vscode-descriptionForeground);
  }
`;

/**
 * A tab whose list fills the height under its toolbar, in rows of fixed-width cells (a message's id, time
 * and preview); after virtualListStyles.
 */
export const listTabStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  ey-virtual-list {
    flex: 1 1 auto;
  }
  .cell {
    flex: none;
    padding-right: 10px;
    font-variant-numeric: tabular-nums;
  }
  .id {
    width: 9ch;
  }
  .time {
    width: 13ch;
  }
  .preview {
    flex: 1 1 auto;
  }
`;

/**
 * A windowed list of fixed-height rows: only the rows in view (plus a margin) exist in the DOM, so a queue of
 * 100,000 messages scrolls as smoothly as one of ten. The rows in view are asked of `rows` as they come into view.
 * Keyboard: arrows, Page Up/Down, Home/End move the active row; Enter opens it; Space toggles its selection.
 * It renders into the light DOM so its owner's styles reach the rows; owners include virtualListStyles.
 */
@customElement('ey-virtual-list')
export class VirtualList extends LitElement {
  @property({ attribute: false }) accessor rows: RowSource = { total: 0, ensure: () => undefined };
  @property({ type: Number }) accessor rowHeight = 24;
  @property({ type: Number }) accessor activeIndex = -1;
  @property({ attribute: false }) accessor renderRow: (index: number) => TemplateResult = () => html``;
  @property({ attribute: false }) accessor isSelected: (index: number) => boolean = () => false;
  @property({ attribute: false }) accessor rowLabel: (index: number) => string = (i) => `Row ${i + 1}`;
  @property() accessor emptyText = 'Nothing to show.';
  /** Bumped by the owner when row data changed, since the row renderer itself stays the same function. */
  @property({ type: Number }) accessor version = 0;
  @state() private accessor offsetY = 0;
  @state() private accessor viewHeight = 400;
  private resizeObserver = new ResizeObserver(() => {
    this.viewHeight = this.clientHeight;
  });
  private lastRange = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.tabIndex = 0;
    this.setAttribute('role', 'listbox');
    this.setAttribute('aria-multiselectable', 'true');
    this.addEventListener('scroll', this.onScroll, { passive: true });
    this.addEventListener('keydown', this.onKeyDown);
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('scroll', this.onScroll);
    this.removeEventListener('keydown', this.onKeyDown);
    this.resizeObserver.disconnect();
  }

  private onScroll = () => {
    this.offsetY = this.scrollTop;
  };

  private get total(): number {
    return this.rows.total;
  }

  private range(): { first: number; last: number } {
    const overscan = 10;
    const first = Math.max(0, Math.floor(this.offsetY / this.rowHeight) - overscan);
    const last = Math.min(this.total - 1, Math.ceil((this.offsetY + this.viewHeight) / this.rowHeight) + overscan);
    return { first, last };
  }

  override updated(): void {
    const r = this.range();
    const key = `${r.first}:${r.last}:${this.total}`;
    if (key !== this.lastRange) {
      this.lastRange = key;
      this.rows.ensure(r.first, r.last);
    }
    if (this.activeIndex >= 0) this.setAttribute('aria-activedescendant', `row-${this.activeIndex}`);
    else this.removeAttribute('aria-activedescendant');
  }

  /** Scrolls just enough to show a row, like a native list does when the selection moves. */
  scrollToIndex(index: number): void {
    const top = index * this.rowHeight;
    if (top < this.scrollTop) this.scrollTop = top;
    else if (top + this.rowHeight > this.scrollTop + this.clientHeight) this.scrollTop = top + this.rowHeight - this.clientHeight;
  }

  private activate(index: number, open: boolean): void {
    if (this.total === 0) return;
    const i = Math.max(0, Math.min(this.total - 1, index));
    this.activeIndex = i;
    this.scrollToIndex(i);
    this.dispatchEvent(new CustomEvent('activate', { detail: { index: i, open } }));
  }

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== this) return;
    const page = Math.max(1, Math.floor(this.clientHeight / this.rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => this.activate(this.activeIndex + 1, false),
      ArrowUp: () => this.activate(this.activeIndex - 1, false),
      PageDown: () => this.activate(this.activeIndex + page, false),
      PageUp: () => this.activate(this.activeIndex - page, false),
      Home: () => this.activate(0, false),
      End: () => this.activate(this.total - 1, false),
      Enter: () => this.activate(this.activeIndex, true),
      ' ': () => this.activeIndex >= 0 && this.dispatchEvent(new CustomEvent('toggle', { detail: { index: this.activeIndex } })),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  private onRowClick(index: number, e: MouseEvent): void {
    if (e.ctrlKey || e.metaKey) {
      this.activeIndex = index;
      this.dispatchEvent(new CustomEvent('toggle', { detail: { index } }));
      return;
    }
    this.activate(index, true);
  }

  override render() {
    if (this.total === 0) return html`<div class="empty" role="status">${this.emptyText}</div>`;
    const { first, last } = this.range();
    const indexes: number[] = [];
    for (let i = first; i <= last; i++) indexes.push(i);
    return html`<div class="spacer" ${styleProps({ height: `${this.total * this.rowHeight}px` })}>
      ${repeat(
        indexes,
        (i) => i,
        (i) => {
          const selected = this.isSelected(i);
          return html`<div
            id="row-${i}"
            role="option"
            aria-selected=${selected ? 'true' : 'false'}
            aria-posinset=${i + 1}
            aria-setsize=${this.total}
            aria-label=${this.rowLabel(i)}
            class="row ${i === this.activeIndex ? 'active' : ''} ${selected ? 'selected' : ''}"
            ${styleProps({ top: `${i * this.rowHeight}px`, height: `${this.rowHeight}px` })}
            @click=${(e: MouseEvent) => this.onRowClick(i, e)}
          >
            ${this.renderRow(i)}
          </div>`;
        },
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ey-virtual-list': VirtualList;
  }
}

import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageAttribute } from '../../src/inspector/protocol';

export interface AttributeRow {
  name: string;
  type: 'String' | 'Number' | 'Binary';
  value: string;
}

/** The rows as SQS and SNS take message attributes; unnamed rows are left out. */
export function toMessageAttributes(rows: AttributeRow[]): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const a of rows) {
    if (!a.name) continue;
    out[a.name] = a.type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.value } : { DataType: a.type, StringValue: a.value };
  }
  return out;
}

/** Name / type / value rows for message attributes; fires `rows-change` with the new rows. */
@customElement('ey-attributes-editor')
export class AttributesEditor extends LitElement {
  static override styles = css`
    .attrs {
      display: grid;
      grid-template-columns: minmax(120px, 1fr) 150px minmax(160px, 2fr) auto;
      gap: 4px 8px;
      align-items: center;
      max-width: 760px;
    }
    .add {
      padding: 6px 0;
    }
  `;

  @property({ attribute: false }) accessor rows: AttributeRow[] = [];

  private emit(rows: AttributeRow[]) {
    this.dispatchEvent(new CustomEvent<AttributeRow[]>('rows-change', { detail: rows }));
  }

  private set(i: number, patch: Partial<AttributeRow>) {
    this.emit(this.rows.map((a, k) => (k === i ? { ...a, ...patch } : a)));
  }

  override render() {
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <div class="attrs" role="group" aria-label="Message attributes">
        ${this.rows.map(
          (a, i) => html`
            <vscode-textfield aria-label="Attribute ${i + 1} name" placeholder="Name" .value=${a.name} @input=${(e: Event) => this.set(i, { name: value(e) })}></vscode-textfield>
            <vscode-single-select aria-label="Attribute ${i + 1} type" .value=${a.type} @change=${(e: Event) => this.set(i, { type: value(e) as AttributeRow['type'] })}>
              <vscode-option value="String">String</vscode-option>
              <vscode-option value="Number">Number</vscode-option>
              <vscode-option value="Binary">Binary (base64)</vscode-option>
            </vscode-single-select>
            <vscode-textfield aria-label="Attribute ${i + 1} value" placeholder="Value" .value=${a.value} @input=${(e: Event) => this.set(i, { value: value(e) })}></vscode-textfield>
            <vscode-toolbar-button icon="close" label="Remove attribute ${i + 1}" @click=${() => this.emit(this.rows.filter((_, k) => k !== i))}></vscode-toolbar-button>
          `,
        )}
      </div>
      <div class="add">
        <vscode-button secondary icon="add" @click=${() => this.emit([...this.rows, { name: '', type: 'String', value: '' }])}>Add attribute</vscode-button>
      </div>
    `;
  }
}

import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { host } from './host';

/** A small copy icon; the extension host writes the clipboard, which a webview may not be allowed to. */
@customElement('ey-copy')
export class CopyButton extends LitElement {
  @property() accessor text = '';
  @property() accessor label = 'Copy';
  @state() private accessor copied = false;

  override render() {
    return html`<vscode-toolbar-button
      icon=${this.copied ? 'check' : 'copy'}
      label=${this.copied ? 'Copied' : this.label}
      title=${this.copied ? 'Copied' : this.label}
      @click=${this.copy}
    ></vscode-toolbar-button>`;
  }

  private async copy() {
    await host.request('clipboard/write', { text: this.text });
    this.copied = true;
    setTimeout(() => (this.copied = false), 1500);
  }
}

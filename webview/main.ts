/**
 * The inspector webview's entry: registers the VS Code elements it uses (one import each keeps the bundle
 * to what is used), sets the page's base style, and mounts <ey-app>.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { css } from 'lit';
import './copy-button';
import './components/attributes-editor';
import './app';

// Adopted, not a <style> element: the CSP allows no inline styles.
const page = new CSSStyleSheet();
page.replaceSync(
  css`
    body {
      margin: 0;
      padding: 0;
      background: var(--vscode-editor-background);
      color: var(--vscode-foreground);
    }
  `.cssText,
);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];

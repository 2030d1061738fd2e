import { css } from 'lit';

/**
 * Shared look: only VS Code's theme variables, so light, dark and high-contrast themes all follow the
 * editor. High-contrast themes set --vscode-contrastBorder, which the borders below pick up.
 */
export const base = css`
  :host {
    color: var(--vscode-foreground);
    font-family: var(--vscode-font-family);
    font-size: var(--vscode-font-size);
  }
  .mono {
    font-family: var(--vscode-editor-font-family, monospace);
    font-size: var(--vscode-editor-font-size, 12px);
  }
  .muted {
    color: var(--vscode-descriptionForeground);
  }
  .error {
    color: var(--vscode-errorForeground);
  }
  .ellipsis {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .wrap {
    flex-wrap: wrap;
  }
  .grow {
    flex: 1 1 auto;
    min-width: 0;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
    padding: 6px 0;
  }
  pre {
    margin: 0;
    padding: 8px;
    white-space: pre-wrap;
    word-break: break-all;
    background: var(--vscode-textCodeBlock-background);
    border: 1px solid var(--vscode-contrastBorder, transparent);
    border-radius: 3px;
    max-height: 40vh;
    overflow: auto;
  }
  table.kv {
    border-collapse: collapse;
    width: 100%;
  }
  table.kv th,
  table.kv td {
    text-align: left;
    vertical-align: top;
    padding: 2px 8px 2px 0;
    word-break: break-all;
  }
  table.kv th {
    font-weight: normal;
    color: var(--vscode-descriptionForeground);
    white-space: nowrap;
    width: 1%;
  }
  h3 {
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--vscode-descriptionForeground);
    margin: 12px 0 4px;
    font-weight: 600;
  }
  .bar {
    position: relative;
    height: 6px;
    border-radius: 3px;
    background: var(--vscode-editorWidget-background, rgba(128, 128, 128, 0.2));
    border: 1px solid var(--vscode-contrastBorder, transparent);
    overflow: hidden;
  }
  .bar > span {
    position: absolute;
    inset: 0 auto 0 0;
    background: var(--vscode-progressBar-background);
  }
  .bar.low > span {
    background: var(--vscode-charts-orange, var(--vscode-progressBar-background));
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    color: var(--vscode-textLink-foreground);
    cursor: pointer;
    font: inherit;
  }
  button.link:hover {
    text-decoration: underline;
  }
  button.link:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
  }
  .pill {
    display: inline-block;
    padding: 0 6px;
    border-radius: 8px;
    font-size: 11px;
    line-height: 16px;
    background: var(--vscode-badge-background);
    color: var(--vscode-badge-foreground);
    border: 1px solid var(--vscode-contrastBorder, transparent);
  }
  .pill.inFlight {
    background: var(--vscode-charts-orange, var(--vscode-badge-background));
    color: var(--vscode-editor-background);
  }
  .pill.delayed {
    background: var(--vscode-charts-purple, var(--vscode-badge-background));
    color: var(--vscode-editor-background);
  }
`;

/** A resource's page: padded, its name the heading. */
export const page = css`
  :host {
    display: block;
    padding: 8px 16px;
  }
  h1 {
    font-size: 1.3em;
    margin: 0;
    font-weight: 600;
  }
`;

/** A page of tabs filling the window under a header (queues, topics); after `page`, whose :host it replaces. */
export const tabbedPage = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    box-sizing: border-box;
    padding: 8px 16px 0;
  }
  header {
    flex: none;
    padding-bottom: 6px;
  }
`;

/** A form of a tab: full-width text areas, and labelled fields side by side that wrap. */
/** A tab's panel under a resource's header: the rest of the window, scrolling on its own. */
export const tabPanel = css`
  .panel {
    display: block;
    height: calc(100vh - 110px);
    overflow: auto;
  }
`;

export const formLayout = css`
  vscode-textarea {
    width: 100%;
  }
  .fields {
    display: flex;
    gap: 16px;
    flex-wrap: wrap;
    align-items: flex-end;
  }
  .fields label {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
`;

/** Rows of a listbox (role="option") the user picks one of: hover, the active one, the keyboard focus. */
export const optionRows = css`
  [role='option'] {
    display: grid;
    gap: 8px;
    padding: 2px 6px;
    cursor: pointer;
    border: 1px solid transparent;
  }
  [role='option']:hover {
    background: var(--vscode-list-hoverBackground);
  }
  [role='option'].active {
    background: var(--vscode-list-activeSelectionBackground);
    color: var(--vscode-list-activeSelectionForeground);
  }
  [role='option']:focus-visible {
    outline: none;
    border-color: var(--vscode-focusBorder);
  }
`;

import type { ResourceRef } from '../../inspector/protocol';

export interface PageAssets {
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  cspSource: string;
  scriptUri: string;
  codiconCssUri: string;
  /** dist/elk.js, the graph layout: loaded by a state machine's page only. */
  elkScriptUri?: string;
  nonce: string;
}

const escapeAttribute = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The inspector page. `default-src 'none'` and a nonce on the one script: message bodies are attacker-
 * controlled data, so even if one ever reached the DOM as markup it could load and run nothing.
 * No 'unsafe-inline' for styles: lit's adopted style sheets and style properties set from script need none.
 */
export function inspectorHtml(resource: ResourceRef, assets: PageAssets): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${assets.nonce}'`,
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `img-src ${assets.cspSource} data:`,
  ].join('; ');
  const title = `${resource.kind} ${resource.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(assets.codiconCssUri)}" id="vscode-codicon-stylesheet">
<title>${escapeAttribute(title)}</title>
</head>
<body>
<ey-app></ey-app>
${resource.kind === 'stateMachine' && assets.elkScriptUri ? `<script nonce="${assets.nonce}" src="${escapeAttribute(assets.elkScriptUri)}"></script>
` : ''}<script type="module" nonce="${assets.nonce}" src="${escapeAttribute(assets.scriptUri)}"></script>
</body>
</html>`;
}

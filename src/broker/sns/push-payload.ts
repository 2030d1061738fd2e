/** The platforms CreatePlatformApplication accepts, by the name SNS gives them (GCM stands for FCM). */
export const PUSH_PLATFORMS = ['ADM', 'APNS', 'APNS_SANDBOX', 'BAIDU', 'GCM', 'MPNS', 'WNS'] as const;
export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

/**
 * What a device on `platform` receives for a message. With MessageStructure json a publisher gives each
 * platform its own payload under the platform's key, which SNS passes on as written; otherwise SNS wraps the
 * text (the "default" entry) the way each push service expects a plain notification.
 */
export function pushPayload(platform: string, perPlatform: string | undefined, text: string): string {
  if (perPlatform !== undefined) return perPlatform;
  switch (platform) {
    case 'APNS':
    case 'APNS_SANDBOX':
      return JSON.stringify({ aps: { alert: text } });
    case 'GCM':
    case 'ADM':
      return JSON.stringify({ data: { default: text } });
    case 'BAIDU':
      return JSON.stringify({ title: text, description: text });
    case 'MPNS':
      return `<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>${xmlText(text)}</wp:Text1></wp:Toast></wp:Notification>`;
    case 'WNS':
      return `<toast><visual><binding template="ToastText01"><text id="1">${xmlText(text)}</text></binding></visual></toast>`;
    default:
      return text;
  }
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

import { EnginePersistence } from '../store/service-persistence';
import type { ApplicationState } from './application';
import type { KinesisAnalyticsEvent } from './events';
import type { KinesisAnalyticsService } from './service';

/**
 * Kinesis Analytics as store entries: `ka/a/<name>` an application with its inputs, outputs, code, tags,
 * status and reading position (per shard, the last sequence number read: where StopApplication stopped,
 * or a running application's checkpoint), read back from the engine on each change. A running
 * application comes back running after a restart and reads on from its position; what its open windows
 * held is gone, as on AWS when an application restarts.
 */
const applicationKey = (name: string) => `ka/a/${name}`;

interface SavedApplication extends Omit<ApplicationState, 'tags'> {
  tags: [string, string | undefined][];
}

export class KinesisAnalyticsPersistence extends EnginePersistence<KinesisAnalyticsService> {
  record(event: KinesisAnalyticsEvent): void {
    if (event.type === 'applicationDeleted') {
      this.writer.delete(applicationKey(event.applicationName));
      return;
    }
    const app = this.engine.savedApplication(event.applicationName);
    if (app) this.writer.put(applicationKey(app.name), save(app));
  }

  *collect(): Generator<[string, unknown]> {
    for (const app of this.engine.savedApplications()) yield [applicationKey(app.name), save(app)];
  }

  restore(entries: Map<string, unknown>): void {
    for (const [key, value] of entries) {
      if (!key.startsWith('ka/a/')) continue;
      const saved = value as SavedApplication;
      this.engine.restoreApplication({ ...structuredClone(saved), tags: new Map(saved.tags) });
    }
  }
}

function save(app: ApplicationState): SavedApplication {
  return structuredClone({ ...app, tags: [...app.tags] });
}

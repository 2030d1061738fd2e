/** Tags on buses and rules: TagResource, UntagResource, ListTagsForResource. */
import type * as api from './api';
import { eventsErrors } from './errors';
import { parseArn } from '../identity';
import { EventsState } from './state';

function tagged(s: EventsState, resourceArn: string): { tags: api.Tag[]; set(tags: api.Tag[]): void } {
  const resource = parseArn(resourceArn)?.resource ?? '';
  if (resource.startsWith('event-bus/')) {
    const bus = s.bus(resource.slice('event-bus/'.length));
    return { tags: bus.tags, set: (t) => (bus.tags = t) };
  }
  if (resource.startsWith('rule/')) {
    const parts = resource.slice('rule/'.length).split('/');
    const rule = parts.length > 1 ? s.rule(parts[1], parts[0]) : s.rule(parts[0], undefined);
    return { tags: rule.tags, set: (t) => (rule.tags = t) };
  }
  throw eventsErrors.resourceNotFound(`Resource ${resourceArn} does not exist.`);
}

export function tagOperations(s: EventsState) {
  return {
    TagResource(input: api.TagResourceInput): api.Empty {
      const r = tagged(s, input.ResourceARN);
      const keys = new Set(input.Tags.map((t) => t.Key));
      r.set([...r.tags.filter((t) => !keys.has(t.Key)), ...input.Tags.map((t) => ({ Key: t.Key, Value: t.Value }))]);
      s.emit({ type: 'tagsChanged', resourceArn: input.ResourceARN });
      return {};
    },
    UntagResource(input: api.UntagResourceInput): api.Empty {
      const r = tagged(s, input.ResourceARN);
      const keys = new Set(input.TagKeys);
      r.set(r.tags.filter((t) => !keys.has(t.Key)));
      s.emit({ type: 'tagsChanged', resourceArn: input.ResourceARN });
      return {};
    },
    ListTagsForResource(input: api.ListTagsForResourceInput): api.ListTagsForResourceOutput {
      return { Tags: tagged(s, input.ResourceARN).tags.map((t) => ({ ...t })) };
    },
  };
}

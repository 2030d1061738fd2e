import { operationShapes, type ServiceModel } from '../model';
import model from '../models/sns.json';

/**
 * SNS operation shapes, from AWS's model (src/server/models/sns.json, scripts/generate-models.mjs): maps are
 * not flattened (`Attributes.entry.1.key`), message attributes use Name/Value, lists use `member`, and an
 * empty list is answered with an empty element (`<Failed/>`).
 */
export const snsShapes = operationShapes(model as ServiceModel, { keepEmptyLists: true });

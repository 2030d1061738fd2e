import { operationShapes, type ServiceModel } from '../model';
import model from '../models/sqs.json';

/**
 * SQS operation shapes, from AWS's model (src/server/models/sqs.json, scripts/generate-models.mjs): the
 * query codec decodes awscli/boto3 form posts and writes the XML answers from these, and the JSON codec uses
 * them to refuse wrongly typed members.
 */
export const sqsShapes = operationShapes(model as ServiceModel);

import { jsonBinding, type ServiceModel } from '../model';
import model from '../models/kinesisanalytics.json';

/** Kinesis Analytics for SQL applications: JSON 1.1, `KinesisAnalytics_20150814`. */
export const kinesisanalyticsBinding = jsonBinding(model as ServiceModel, {
  name: 'kinesisanalytics',
  operations: (broker) => broker.kinesisanalytics.operations,
  reset: (broker) => {
    // Deleting through DeleteApplication emits the events subscribers follow.
    const { ListApplications, DescribeApplication, DeleteApplication } = broker.kinesisanalytics.operations;
    for (let more = ListApplications({ Limit: 50 }); more.ApplicationSummaries.length; more = ListApplications({ Limit: 50 })) {
      for (const { ApplicationName } of more.ApplicationSummaries) {
        DeleteApplication({ ApplicationName, CreateTimestamp: DescribeApplication({ ApplicationName }).ApplicationDetail.CreateTimestamp });
      }
    }
  },
});

/**
 * SQS errors as AWS answered them, for the JSON 1.0 (`sqs`) and the query/XML (`sqs_query`) protocol:
 * copied from test/fixtures/aws-reference/test_sqs.snapshot.json, of the LocalStack project (Apache License
 * 2.0, copyright LocalStack contributors), which recorded these responses against real AWS. `<queue-name>`
 * stands for the queue's name.
 */
export interface RecordedError {
  Code: string;
  Message: string;
  Type: string;
  status: number;
  /** JSON protocol only: the error shape name (`__type`). */
  QueryErrorCode?: string;
}

export const recordedSqsErrors: Record<'sqs' | 'sqs_query', Record<string, RecordedError>> = {
  "sqs": {
    "test_non_existent_queue": {
      "Code": "AWS.SimpleQueueService.NonExistentQueue",
      "Message": "The specified queue does not exist.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "QueueDoesNotExist"
    },
    "test_too_many_entries_in_batch_request": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "TooManyEntriesInBatchRequest"
    },
    "test_invalid_batch_id": {
      "Code": "AWS.SimpleQueueService.InvalidBatchEntryId",
      "Message": "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "InvalidBatchEntryId"
    },
    "test_successive_purge_calls_fail": {
      "Code": "AWS.SimpleQueueService.PurgeQueueInProgress",
      "Message": "Only one PurgeQueue operation on <queue-name> is allowed every 60 seconds.",
      "Type": "Sender",
      "status": 403,
      "QueryErrorCode": "PurgeQueueInProgress"
    },
    "test_send_empty_message": {
      "Code": "MissingParameter",
      "Message": "The request must contain the parameter MessageBody.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "MissingRequiredParameterException"
    },
    "test_send_receive_wait_time_seconds": {
      "Code": "InvalidParameterValue",
      "Message": "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "InvalidParameterValueException"
    },
    "test_create_queue_with_different_attributes_raises_exception": {
      "Code": "QueueAlreadyExists",
      "Message": "A queue already exists with the same name and a different value for attribute DelaySeconds",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "QueueNameExists"
    },
    "test_set_unsupported_attribute_standard": {
      "Code": "InvalidAttributeName",
      "Message": "Unknown Attribute FifoQueue.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "InvalidAttributeName"
    },
    "test_delete_message_batch_with_too_large_batch": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "TooManyEntriesInBatchRequest"
    },
    "test_change_message_visibility_batch_with_too_large_batch": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400,
      "QueryErrorCode": "TooManyEntriesInBatchRequest"
    }
  },
  "sqs_query": {
    "test_non_existent_queue": {
      "Code": "AWS.SimpleQueueService.NonExistentQueue",
      "Message": "The specified queue does not exist for this wsdl version.",
      "Type": "Sender",
      "status": 400
    },
    "test_too_many_entries_in_batch_request": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400
    },
    "test_invalid_batch_id": {
      "Code": "AWS.SimpleQueueService.InvalidBatchEntryId",
      "Message": "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      "Type": "Sender",
      "status": 400
    },
    "test_successive_purge_calls_fail": {
      "Code": "AWS.SimpleQueueService.PurgeQueueInProgress",
      "Message": "Only one PurgeQueue operation on <queue-name> is allowed every 60 seconds.",
      "Type": "Sender",
      "status": 403
    },
    "test_send_empty_message": {
      "Code": "MissingParameter",
      "Message": "The request must contain the parameter MessageBody.",
      "Type": "Sender",
      "status": 400
    },
    "test_send_receive_wait_time_seconds": {
      "Code": "InvalidParameterValue",
      "Message": "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
      "Type": "Sender",
      "status": 400
    },
    "test_create_queue_with_different_attributes_raises_exception": {
      "Code": "QueueAlreadyExists",
      "Message": "A queue already exists with the same name and a different value for attribute DelaySeconds",
      "Type": "Sender",
      "status": 400
    },
    "test_set_unsupported_attribute_standard": {
      "Code": "InvalidAttributeName",
      "Message": "Unknown Attribute FifoQueue.",
      "Type": "Sender",
      "status": 400
    },
    "test_delete_message_batch_with_too_large_batch": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400
    },
    "test_change_message_visibility_batch_with_too_large_batch": {
      "Code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Message": "Maximum number of entries per request are 10. You have sent 20.",
      "Type": "Sender",
      "status": 400
    }
  }
};

"""Runs SQS calls with boto3 and prints what boto3 parsed, as JSON: the wire tests' query/XML client."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

url, calls = sys.argv[1], json.loads(sys.argv[2])
client = boto3.client(
    "sqs",
    endpoint_url=url,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)
results = []
for call in calls:
    try:
        response = getattr(client, call["op"])(**call.get("params", {}))
        response.pop("ResponseMetadata", None)
        results.append({"ok": True, "response": response})
    except ClientError as e:
        results.append(
            {"ok": False, "error": e.response["Error"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
        )
print(json.dumps(results, default=str))

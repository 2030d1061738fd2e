"""Runs calls with boto3 and prints what boto3 parsed, as JSON: the wire tests' Python client.

argv: the endpoint URL, the calls as JSON, and optionally the service (sqs by default) and, for S3, the
addressing style ("path" or "virtual").
"""
import json
import socket
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

url, calls = sys.argv[1], json.loads(sys.argv[2])
service = sys.argv[3] if len(sys.argv) > 3 else "sqs"
addressing = sys.argv[4] if len(sys.argv) > 4 else "path"

# `<bucket>.localhost` is loopback (RFC 6761), which glibc resolves only with systemd's resolver
_getaddrinfo = socket.getaddrinfo


def _loopback_getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".localhost"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_getaddrinfo

client = boto3.client(
    service,
    endpoint_url=url,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}, s3={"addressing_style": addressing}),
)
results = []
for call in calls:
    try:
        response = getattr(client, call["op"])(**call.get("params", {})) or {}
        response.pop("ResponseMetadata", None)
        body = response.get("Body")
        if hasattr(body, "read"):
            response["Body"] = body.read().decode("utf-8", "replace")
        results.append({"ok": True, "response": response})
    except ClientError as e:
        results.append(
            {"ok": False, "error": e.response["Error"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
        )
print(json.dumps(results, default=str))

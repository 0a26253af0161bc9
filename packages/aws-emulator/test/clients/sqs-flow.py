#!/usr/bin/env python3
"""Core SQS flows driven by an unmodified boto3, against any SQS endpoint.

Runs under pyenv's python3 (boto3 >= 1.34: AWS JSON 1.0 protocol) and Debian's /usr/bin/python3 (boto3 1.26:
Query protocol). Prints ONE JSON line with what each flow observed; sqs-clients.test.ts asserts it. A flow that
raises is recorded as {"error": ...} so one broken action does not hide the others.

botocore does not verify SQS MD5 digests (the Java and JS SDKs do), so this script recomputes MD5OfMessageBody
and MD5OfMessageAttributes the way AWS documents it and records whether the server's digests match.

Usage: sqs-flow.py --endpoint http://127.0.0.1:4566 [--prefix run123-]
"""

import argparse
import hashlib
import json
import struct
import sys
import threading
import time
import traceback
import uuid

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"


def client(endpoint):
    return boto3.session.Session().client(
        "sqs",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, read_timeout=30),
    )


def md5_of_body(body):
    return hashlib.md5(body.encode("utf-8")).hexdigest()


def md5_of_attributes(attributes):
    """MD5OfMessageAttributes as documented in the SQS developer guide ("Calculating the MD5 message digest")."""

    def encoded(data):
        return struct.pack(">I", len(data)) + data

    digest = hashlib.md5()
    for name in sorted(attributes):
        value = attributes[name]
        data_type = value["DataType"]
        digest.update(encoded(name.encode("utf-8")))
        digest.update(encoded(data_type.encode("utf-8")))
        if data_type.startswith("Binary"):
            digest.update(b"\x02" + encoded(value["BinaryValue"]))
        else:
            digest.update(b"\x01" + encoded(value["StringValue"].encode("utf-8")))
    return digest.hexdigest()


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    return None


def receive_all(sqs, url, expected, **kwargs):
    """Receives until `expected` messages arrived or a 1-second long poll comes back empty."""
    seen = []
    while len(seen) < expected:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, **kwargs).get("Messages", [])
        if not got:
            break
        seen.extend(got)
    return seen


def flow_queues(sqs, prefix):
    name = prefix + "basic"
    created = sqs.create_queue(
        QueueName=name,
        Attributes={"VisibilityTimeout": "45", "MessageRetentionPeriod": "3600", "DelaySeconds": "0"},
    )["QueueUrl"]
    again = sqs.create_queue(
        QueueName=name,
        Attributes={"VisibilityTimeout": "45", "MessageRetentionPeriod": "3600", "DelaySeconds": "0"},
    )["QueueUrl"]
    sqs.create_queue(QueueName=prefix + "other")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    listed = sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])
    listed_basic = sqs.list_queues(QueueNamePrefix=prefix + "bas").get("QueueUrls", [])
    return {
        "url_ends_with_name": created.endswith("/" + name),
        "create_is_idempotent": again == created,
        "get_url_matches": url == created,
        "visibility_timeout": attributes.get("VisibilityTimeout"),
        "retention": attributes.get("MessageRetentionPeriod"),
        "arn_suffix": attributes.get("QueueArn", "").split(":")[-1],
        "listed_names": sorted(u.rsplit("/", 1)[-1] for u in listed),
        "listed_with_longer_prefix": sorted(u.rsplit("/", 1)[-1] for u in listed_basic),
    }


def flow_send_receive(sqs, prefix):
    url = sqs.get_queue_url(QueueName=prefix + "basic")["QueueUrl"]
    body = "héllo wörld ✓"
    attributes = {
        "color": {"DataType": "String", "StringValue": "blue"},
        "count": {"DataType": "Number", "StringValue": "42"},
        "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff"},
        "kind": {"DataType": "String.custom", "StringValue": "custom"},
    }
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=attributes)
    messages = receive_all(sqs, url, 1, MessageAttributeNames=["All"], AttributeNames=["All"])
    message = messages[0] if messages else {}
    got_attributes = message.get("MessageAttributes", {})
    result = {
        "send_md5_body_ok": sent.get("MD5OfMessageBody") == md5_of_body(body),
        "send_md5_attributes_ok": sent.get("MD5OfMessageAttributes") == md5_of_attributes(attributes),
        "received": len(messages),
        "body": message.get("Body"),
        "same_message_id": message.get("MessageId") == sent.get("MessageId"),
        "receive_md5_body_ok": message.get("MD5OfBody") == md5_of_body(body),
        "receive_md5_attributes_ok": message.get("MD5OfMessageAttributes") == md5_of_attributes(got_attributes),
        "attributes": {
            name: {"DataType": value["DataType"], "Value": value.get("StringValue", value.get("BinaryValue", b"").hex())}
            for name, value in sorted(got_attributes.items())
        },
        "receive_count": message.get("Attributes", {}).get("ApproximateReceiveCount"),
        "has_sent_timestamp": message.get("Attributes", {}).get("SentTimestamp", "").isdigit(),
    }
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    result["empty_after_delete"] = receive_all(sqs, url, 1) == []
    return result


def flow_batch(sqs, prefix):
    url = sqs.create_queue(QueueName=prefix + "batch")["QueueUrl"]
    sent = sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "m%d" % i, "MessageBody": "batch-%d" % i} for i in range(5)],
    )
    messages = receive_all(sqs, url, 5)
    deleted = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "d%d" % i, "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]
        + [{"Id": "bogus", "ReceiptHandle": "not-a-receipt-handle"}],
    )
    return {
        "sent_ids": sorted(entry["Id"] for entry in sent.get("Successful", [])),
        "sent_md5_ok": all(
            entry["MD5OfMessageBody"] == md5_of_body("batch-" + entry["Id"][1:]) for entry in sent.get("Successful", [])
        ),
        "send_failed": len(sent.get("Failed", [])),
        "received_bodies": sorted(m["Body"] for m in messages),
        "deleted": len(deleted.get("Successful", [])),
        "delete_failed_ids": sorted(entry["Id"] for entry in deleted.get("Failed", [])),
        "delete_failed_codes": sorted(entry["Code"] for entry in deleted.get("Failed", [])),
    }


def flow_visibility(sqs, prefix):
    url = sqs.create_queue(QueueName=prefix + "visibility", Attributes={"VisibilityTimeout": "30"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="again")
    first = receive_all(sqs, url, 1)
    hidden = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", [])
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"], VisibilityTimeout=0)
    second = receive_all(sqs, url, 1, AttributeNames=["ApproximateReceiveCount"])
    return {
        "hidden_while_in_flight": hidden == [],
        "visible_again": [m["Body"] for m in second],
        "receive_count": second[0]["Attributes"]["ApproximateReceiveCount"] if second else None,
    }


def flow_long_poll(sqs, prefix, endpoint):
    url = sqs.create_queue(QueueName=prefix + "long-poll")["QueueUrl"]
    polling = threading.Event()
    sender = client(endpoint)

    def send_when_polling():
        polling.wait(10)
        sender.send_message(QueueUrl=url, MessageBody="wake up")

    # Fire the sender the moment the receive request goes out, so the server sees a waiting poll.
    sqs.meta.events.register("before-send.sqs.ReceiveMessage", lambda **kwargs: polling.set())
    thread = threading.Thread(target=send_when_polling)
    thread.start()
    started = time.monotonic()
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
    elapsed = time.monotonic() - started
    thread.join()
    return {"bodies": [m["Body"] for m in got], "returned_before_wait_ended": elapsed < 9.5}


def flow_dead_letter(sqs, prefix):
    dlq = sqs.create_queue(QueueName=prefix + "dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(
        QueueName=prefix + "source",
        Attributes={
            "VisibilityTimeout": "1",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"}),
        },
    )["QueueUrl"]
    policy = json.loads(
        sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"]
    )
    sqs.send_message(QueueUrl=source, MessageBody="poison")
    first = receive_all(sqs, source, 1)
    # The message becomes visible again after 1 s; this receive is its 2nd, over maxReceiveCount 1, so it moves.
    second = sqs.receive_message(QueueUrl=source, WaitTimeSeconds=3).get("Messages", [])
    in_dlq = receive_all(sqs, dlq, 1)
    sources = sqs.list_dead_letter_source_queues(QueueUrl=dlq).get("queueUrls", [])
    return {
        "policy_max_receive_count": str(policy.get("maxReceiveCount")),
        "first_receive": [m["Body"] for m in first],
        "second_receive": [m["Body"] for m in second],
        "dlq_bodies": [m["Body"] for m in in_dlq],
        "dead_letter_sources": [u.rsplit("/", 1)[-1] for u in sources],
    }


def flow_purge_tags_delete(sqs, prefix):
    url = sqs.create_queue(QueueName=prefix + "purge", tags={"team": "probity"})["QueueUrl"]
    sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": str(i)} for i in range(3)])
    depth = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
    sqs.purge_queue(QueueUrl=url)
    after_purge = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", [])
    sqs.tag_queue(QueueUrl=url, Tags={"env": "test", "owner": "clients"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["owner"])
    tags = sqs.list_queue_tags(QueueUrl=url).get("Tags", {})
    sqs.delete_queue(QueueUrl=url)
    return {
        "depth_before_purge": depth.get("ApproximateNumberOfMessages"),
        "after_purge": len(after_purge),
        "tags": tags,
        "deleted_queue_error": error_of(lambda: sqs.get_queue_url(QueueName=prefix + "purge")),
    }


def flow_errors(sqs, prefix, endpoint):
    missing_url = endpoint.rstrip("/") + "/000000000000/" + prefix + "missing"
    return {
        "get_url_missing": error_of(lambda: sqs.get_queue_url(QueueName=prefix + "missing")),
        "send_missing": error_of(lambda: sqs.send_message(QueueUrl=missing_url, MessageBody="x")),
        "invalid_attribute": error_of(
            lambda: sqs.create_queue(QueueName=prefix + "bad", Attributes={"VisibilityTimeout": "99999"})
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--prefix", default="flow-" + uuid.uuid4().hex[:8] + "-")
    args = parser.parse_args()
    sqs = client(args.endpoint)
    flows = [
        ("queues", lambda: flow_queues(sqs, args.prefix)),
        ("send_receive", lambda: flow_send_receive(sqs, args.prefix)),
        ("batch", lambda: flow_batch(sqs, args.prefix)),
        ("visibility", lambda: flow_visibility(sqs, args.prefix)),
        ("long_poll", lambda: flow_long_poll(sqs, args.prefix, args.endpoint)),
        ("dead_letter", lambda: flow_dead_letter(sqs, args.prefix)),
        ("purge_tags_delete", lambda: flow_purge_tags_delete(sqs, args.prefix)),
        ("errors", lambda: flow_errors(sqs, args.prefix, args.endpoint)),
    ]
    results = {
        "client": {
            "python": sys.executable,
            "boto3": boto3.__version__,
            "botocore": botocore.__version__,
            "protocol": sqs.meta.service_model.protocol,
        }
    }
    for name, run in flows:
        try:
            results[name] = run()
        except Exception as error:  # noqa: BLE001 - recorded, asserted by the test
            results[name] = {"error": "%s: %s" % (type(error).__name__, error), "trace": traceback.format_exc()}
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()

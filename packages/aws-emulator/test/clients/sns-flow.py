"""SNS -> SQS fan-out (raw and enveloped) and a DynamoDB put/get through ONE endpoint, with boto3.

Configured the way apps are configured against LocalStack: AWS_ENDPOINT_URL, AWS_REGION and test
credentials in the environment, nothing per client. Prints one JSON object with what it observed;
the vitest runner (sns-boto3.test.ts) asserts on it. Any AWS error makes the script exit non-zero.
"""

import json
import uuid

import boto3

suffix = uuid.uuid4().hex[:8]
sns = boto3.client("sns")
sqs = boto3.client("sqs")
dynamodb = boto3.client("dynamodb")
sts = boto3.client("sts")

topic_arn = sns.create_topic(Name=f"customer--created-{suffix}")["TopicArn"]


def queue(name):
    url = sqs.create_queue(QueueName=f"{name}-{suffix}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


raw_url, raw_arn = queue("raw")
env_url, env_arn = queue("enveloped")
sns.subscribe(
    TopicArn=topic_arn,
    Protocol="sqs",
    Endpoint=raw_arn,
    Attributes={"RawMessageDelivery": "true"},
    ReturnSubscriptionArn=True,
)
sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=env_arn)

published = sns.publish(
    TopicArn=topic_arn,
    Message=json.dumps({"customer_id": "c-1"}),
    Subject="created",
    MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "customer"},
        "version": {"DataType": "Number", "StringValue": "2"},
        "blob": {"DataType": "Binary", "BinaryValue": b"\x00\xff"},
    },
)


def receive(url):
    messages = sqs.receive_message(
        QueueUrl=url, WaitTimeSeconds=5, MessageAttributeNames=["All"], AttributeNames=["All"]
    ).get("Messages", [])
    for message in messages:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return messages


raw = receive(raw_url)
enveloped = receive(env_url)
notification = json.loads(enveloped[0]["Body"])

table = f"customers-{suffix}"
dynamodb.create_table(
    TableName=table,
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    BillingMode="PAY_PER_REQUEST",
)
dynamodb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
dynamodb.put_item(TableName=table, Item={"id": {"S": "c-1"}, "name": {"S": "Ada"}})
item = dynamodb.get_item(TableName=table, Key={"id": {"S": "c-1"}})["Item"]

print(
    json.dumps(
        {
            "messageId": published["MessageId"],
            "raw": {
                "body": raw[0]["Body"],
                "attributes": {
                    name: value.get("StringValue", value.get("BinaryValue", b"").hex())
                    for name, value in raw[0].get("MessageAttributes", {}).items()
                },
            },
            "enveloped": {
                "keys": list(notification.keys()),
                "type": notification["Type"],
                "messageId": notification["MessageId"],
                "subject": notification["Subject"],
                "message": notification["Message"],
                "attributes": notification["MessageAttributes"],
                "sqsAttributes": enveloped[0].get("MessageAttributes"),
            },
            "item": item,
            "account": sts.get_caller_identity()["Account"],
        }
    )
)

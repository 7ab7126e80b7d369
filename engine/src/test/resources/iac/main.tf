# Keys shaped like the examples of the terraform-provider-aws documentation.
data "aws_caller_identity" "current" {}

/* A symmetric key whose policy is written as a heredoc. */
resource "aws_kms_key" "heredoc" {
  description             = "Heredoc policy"
  enable_key_rotation     = false
  deletion_window_in_days = 45
  policy                  = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Enable IAM User Permissions",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "Allow users their own prefix",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
          "Action": "kms:Encrypt",
          "Resource": "*",
          "Condition": {"StringEquals": {"kms:EncryptionContext:user": "$${aws:username}"}}
        }
      ]
    }
  EOF
}

resource "aws_kms_key" "encoded" {
  description             = "jsonencode policy"
  enable_key_rotation     = true
  rotation_period_in_days = 4000
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "key-default-1"
    Statement = [
      {
        Sid    = "Enable IAM User Permissions"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
        },
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid       = "Allow administration"
        Effect    = "Allow"
        Principal = { AWS = var.admin_role_arn }
        Action    = ["kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "documented" {
  enable_key_rotation     = true
  deletion_window_in_days = 10
  policy                  = data.aws_iam_policy_document.documented.json
}

data "aws_iam_policy_document" "documented" {
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    sid       = "Allow CloudWatch Logs"
    effect    = "Allow"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.us-east-1.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:us-east-1:111122223333:log-group:*"]
    }
  }
}

resource "aws_kms_key" "hmac" {
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
  deletion_window_in_days  = 7
}

resource "aws_kms_key_policy" "hmac" {
  key_id = aws_kms_key.hmac.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Enable IAM User Permissions"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "encoded" {
  name          = "alias/aws/encoded"
  target_key_id = aws_kms_key.encoded.key_id
}

resource "aws_kms_alias" "documented" {
  name          = "alias/documented"
  target_key_id = aws_kms_key.documented.key_id
}

resource "aws_kms_key" "default_policy" {
  enable_key_rotation = var.rotate
}

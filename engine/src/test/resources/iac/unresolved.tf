resource "aws_kms_key" "from_file" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = templatefile("${path.module}/policy.json.tpl", { account_id = var.account_id })
}

resource "aws_kms_key" "from_module" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.elsewhere.json
}

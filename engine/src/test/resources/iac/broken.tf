resource "aws_kms_key" "broken" {
  enable_key_rotation = true
  description = "unterminated
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy" "assume" {
  name = "assume"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = aws_iam_role.service_only.arn
    }]
  })
}

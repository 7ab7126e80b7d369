package dev.keyvet.engine.model;

/** The families of IAM condition operators; each compares values of one type. */
public enum OperatorFamily {
  STRING,
  NUMERIC,
  DATE,
  BOOL,
  BINARY,
  IP_ADDRESS,
  ARN,
  NULL
}

/**
 * The KMS catalogue: every AWS KMS permission with its resource, cross-account and grant facts, and
 * every {@code kms:} and global {@code aws:} condition key with its type, read once from the {@code
 * kms-catalog.json} resource shipped in this package. {@link
 * dev.keyvet.engine.catalog.KmsCatalog#get()} is the entry point; everything it returns is
 * immutable, and names are matched the way IAM matches them (case-insensitively, with {@code *} and
 * {@code ?} wildcards for actions and a caller-chosen suffix for prefix keys such as {@code
 * kms:EncryptionContext:}).
 */
package dev.keyvet.engine.catalog;

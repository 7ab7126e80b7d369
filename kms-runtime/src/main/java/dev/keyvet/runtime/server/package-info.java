/**
 * The AWS KMS wire protocol over HTTP: AWS JSON 1.1 ({@code X-Amz-Target: TrentService.*}),
 * Signature Version 4 authentication, and AWS's request validation and error shapes, so that the
 * AWS SDKs and CLI work against a {@link dev.keyvet.runtime.KeyStore} with only an endpoint URL
 * changed. {@link dev.keyvet.runtime.server.KmsServer} is the entry point.
 */
package dev.keyvet.runtime.server;

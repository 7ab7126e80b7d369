/**
 * The cryptography of the local KMS: key material for every supported key spec ({@link
 * dev.keyvet.runtime.crypto.KeyMaterial}), the operations on it with AWS's checks and errors
 * ({@link dev.keyvet.runtime.crypto.KmsCrypto}), the versioned symmetric ciphertext format ({@link
 * dev.keyvet.runtime.crypto.CiphertextBlob}, {@link dev.keyvet.runtime.crypto.EncryptionContext}),
 * key material import ({@link dev.keyvet.runtime.crypto.KeyImport}) and sealing at rest ({@link
 * dev.keyvet.runtime.crypto.Sealer}).
 *
 * <p>Nothing here decides access, keeps state, or reads the clock: the key store authorizes each
 * call, chooses the material, and passes time and randomness in.
 */
package dev.keyvet.runtime.crypto;

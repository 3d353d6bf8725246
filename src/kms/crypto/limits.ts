/**
 * Bounds on the cryptographic services (KMIP 2.1 §6.1.17 Encrypt, §6.1.11 Decrypt, §6.1.55
 * Sign, §6.1.32 MAC, §6.1.24 Hash, §6.1.49 RNG Retrieve). Each limit names the attack it blunts.
 */

/**
 * Largest Data (or Digested Data) one request may carry: a client streaming gigabytes through
 * one request would hold that much plaintext and ciphertext in server memory at once.
 * Larger inputs use multi-part operations (Correlation Value, Init/Final Indicator).
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/** Largest RNG Retrieve Data Length: a client could otherwise ask for unbounded random output. */
export const MAX_RNG_BYTES = 64 * 1024;

/**
 * Multi-part operations keep cipher/MAC/hash state in server memory between requests. A client
 * that opens sessions and never finishes them would exhaust memory, so:
 * - at most MAX_SESSIONS sessions per server process, MAX_SESSIONS_PER_IDENTITY per identity;
 * - a session unused for SESSION_IDLE_MS is dropped (its Correlation Value then becomes invalid);
 * - buffered input (multi-part Sign / Signature Verify, since EdDSA cannot stream, and
 *   AES-CMAC) is limited to MAX_DATA_BYTES per session.
 */
export const MAX_SESSIONS = 1024;
export const MAX_SESSIONS_PER_IDENTITY = 64;
export const SESSION_IDLE_MS = 5 * 60 * 1000;

#ifndef BRIEF_CCRYPTO_SHIM_H
#define BRIEF_CCRYPTO_SHIM_H
/* Only OpenSSL's message digests: SHA-256 names the cache's entries. */
#include <openssl/evp.h>
#endif

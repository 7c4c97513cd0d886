/*
 * jwt.c: compact JWS with EdDSA/Ed25519 and base64url (see jwt.h).
 */
#include <sodium.h>

#include <string.h>

#include "domain/jwt.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"

static int	split3(const char *, const char **dot1, const char **dot2);

char *
b64url_encode(struct arena *a, const void *data, size_t len)
{
	size_t	 n;
	char	*out;

	n = sodium_base64_encoded_len(len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_alloc(a, n);
	sodium_bin2base64(out, n, data, len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return (out);
}

int
b64url_decode(struct arena *a, const char *s, size_t slen,
    unsigned char **out, size_t *outlen)
{
	unsigned char	*bin;
	const char	*end;
	size_t		 cap, n;

	/* libsodium decodes bytes of 0x80 and above as letters of the
	 * alphabet (so one token had many spellings): check it here. */
	for (n = 0; n < slen; n++)
		if (!((s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'))
			return (-1);
	cap = slen * 3 / 4 + 1;
	bin = arena_alloc(a, cap + 1);
	if (sodium_base642bin(bin, cap, s, slen, NULL, &n, &end,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    end != s + slen)
		return (-1);
	bin[n] = '\0';
	*out = bin;
	*outlen = n;
	return (0);
}

char *
jwt_sign(struct arena *a, const char *kid, const char *typ,
    const char *payload_json, const unsigned char sk[JWT_SK_LEN])
{
	struct buf	 hdr, input;
	struct json	 j;
	unsigned char	 sig[crypto_sign_BYTES];
	char		*out;

	buf_init(&hdr);
	buf_init(&input);
	json_init(&j, &hdr);
	json_obj_open(&j);
	json_kv_str(&j, "alg", "EdDSA");
	json_kv_str(&j, "kid", kid);
	json_kv_str(&j, "typ", typ);
	json_obj_close(&j);
	buf_puts(&input, b64url_encode(a, hdr.data, hdr.len));
	buf_putc(&input, '.');
	buf_puts(&input, b64url_encode(a, payload_json,
	    strlen(payload_json)));
	crypto_sign_detached(sig, NULL, (const unsigned char *)input.data,
	    input.len, sk);
	out = arena_printf(a, "%s.%s", input.data,
	    b64url_encode(a, sig, sizeof(sig)));
	buf_free(&hdr);
	buf_free(&input);
	return (out);
}

/* Finds the two dots of "h.p.s"; 0, or -1 unless there are exactly two
 * and every part is non-empty. */
static int
split3(const char *jwt, const char **dot1, const char **dot2)
{
	const char	*d1, *d2;

	if ((d1 = strchr(jwt, '.')) == NULL || d1 == jwt)
		return (-1);
	if ((d2 = strchr(d1 + 1, '.')) == NULL || d2 == d1 + 1)
		return (-1);
	if (strchr(d2 + 1, '.') != NULL || d2[1] == '\0')
		return (-1);
	*dot1 = d1;
	*dot2 = d2;
	return (0);
}

int
jwt_verify(struct arena *a, const char *jwt,
    const unsigned char pk[JWT_PK_LEN], char **header, char **payload)
{
	const char	*d1, *d2;
	unsigned char	*h, *p, *sig;
	size_t		 hl, pl, sl;

	if (jwt == NULL || split3(jwt, &d1, &d2) == -1)
		return (-1);
	if (b64url_decode(a, jwt, (size_t)(d1 - jwt), &h, &hl) == -1 ||
	    b64url_decode(a, d1 + 1, (size_t)(d2 - d1 - 1), &p, &pl) == -1 ||
	    b64url_decode(a, d2 + 1, strlen(d2 + 1), &sig, &sl) == -1)
		return (-1);
	if (sl != crypto_sign_BYTES || memchr(h, '\0', hl) != NULL ||
	    memchr(p, '\0', pl) != NULL)
		return (-1);
	if (strstr((char *)h, "\"alg\":\"EdDSA\"") == NULL)
		return (-1);
	if (crypto_sign_verify_detached(sig, (const unsigned char *)jwt,
	    (size_t)(d2 - jwt), pk) != 0)
		return (-1);
	if (header != NULL)
		*header = (char *)h;
	if (payload != NULL)
		*payload = (char *)p;
	return (0);
}

char *
jwt_kid(struct arena *a, const char *jwt)
{
	const char	*d1, *d2, *k, *e;
	unsigned char	*h;
	size_t		 hl;

	if (jwt == NULL || split3(jwt, &d1, &d2) == -1)
		return (NULL);
	if (b64url_decode(a, jwt, (size_t)(d1 - jwt), &h, &hl) == -1)
		return (NULL);
	if ((k = strstr((char *)h, "\"kid\":\"")) == NULL)
		return (NULL);
	k += 7;
	e = k + strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_");
	if (*e != '"' || e == k)
		return (NULL);
	return (arena_strndup(a, k, (size_t)(e - k)));
}

/*
 * test_jwt.c: the JSON writer (escaping of quotes, newlines, control
 * characters, Unicode, invalid UTF-8; commas and nesting), base64url, and
 * EdDSA JWTs: sign then verify, every kind of tampering refused, the
 * wrong key refused, the kid read back.
 */
#include <sodium.h>

#include <stdint.h>
#include <string.h>

#include "domain/jwt.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "t.h"

static struct arena	*ta;
static unsigned char	 pk[JWT_PK_LEN], sk[JWT_SK_LEN];

static const char	*esc(const char *);

static const char *
esc(const char *s)
{
	struct buf	 b;
	char		*out;

	buf_init(&b);
	json_escape(&b, s);
	out = arena_strdup(ta, b.data);
	buf_free(&b);
	return (out);
}

static void
test_json_escape(void)
{
	T_STREQ(esc("plain"), "\"plain\"");
	T_STREQ(esc("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
	T_STREQ(esc("a\nb\r\tc"), "\"a\\nb\\r\\tc\"");
	T_STREQ(esc("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
	T_STREQ(esc("</script>&"), "\"\\u003c/script\\u003e\\u0026\"");
	/* Unicode passes through as UTF-8 */
	T_STREQ(esc("김민준 Zoë 😀"), "\"김민준 Zoë 😀\"");
	T_STREQ(esc("\xe2\x80\xa8"), "\"\\u2028\"");
	/* invalid UTF-8: lone continuation, overlong, surrogate, truncated */
	T_STREQ(esc("a\x80" "b"), "\"a\\ufffdb\"");
	T_STREQ(esc("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
	T_STREQ(esc("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
	T_STREQ(esc("x\xe2\x82"), "\"x\\ufffd\\ufffd\"");
}

static void
test_json_writer(void)
{
	struct buf	b;
	struct json	j;

	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j);
	json_kv_str(&j, "a", "x");
	json_kv_int(&j, "n", -42);
	json_key(&j, "list");
	json_arr_open(&j);
	json_str(&j, "1");
	json_obj_open(&j);
	json_kv_bool(&j, "t", 1);
	json_obj_close(&j);
	json_arr_open(&j);
	json_arr_close(&j);
	json_null(&j);
	json_arr_close(&j);
	json_kv_str(&j, "nul", NULL);
	json_obj_close(&j);
	T_STREQ(b.data, "{\"a\":\"x\",\"n\":-42,\"list\":[\"1\",{\"t\":true},"
	    "[],null],\"nul\":null}");
	buf_free(&b);
}

static void
test_b64url(void)
{
	unsigned char	*out;
	size_t		 n;
	const unsigned char bytes[] = { 0xfb, 0xff, 0xfe, 0x00, 0x41 };

	T_STREQ(b64url_encode(ta, "", 0), "");
	T_STREQ(b64url_encode(ta, bytes, sizeof(bytes)), "-__-AEE");
	T_ASSERT(b64url_decode(ta, "-__-AEE", 7, &out, &n) == 0);
	T_ASSERT(n == sizeof(bytes) && memcmp(out, bytes, n) == 0);
	T_ASSERT(b64url_decode(ta, "+//+AEE", 7, &out, &n) == -1);
	T_ASSERT(b64url_decode(ta, "-__-AEE=", 8, &out, &n) == -1);
	T_ASSERT(b64url_decode(ta, "ab c", 4, &out, &n) == -1);
}

static void
test_sign_verify(void)
{
	char		*tok, *h = NULL, *p = NULL;
	const char	*payload = "{\"iss\":\"https://x.example/issuer\","
	    "\"name\":\"김 \\\"Q\\\"\"}";

	tok = jwt_sign(ta, "kid-1", "vc+jwt", payload, sk);
	T_ASSERT(tok != NULL);
	T_ASSERT(jwt_verify(ta, tok, pk, &h, &p) == 0);
	T_STREQ(p, payload);
	T_STREQ(h, "{\"alg\":\"EdDSA\",\"kid\":\"kid-1\",\"typ\":\"vc+jwt\"}");
	T_STREQ(jwt_kid(ta, tok), "kid-1");
}

static void
test_tamper(void)
{
	char		*tok, *bad, *dot;
	size_t		 i, n, fails = 0;
	unsigned char	 pk2[JWT_PK_LEN], sk2[JWT_SK_LEN];

	tok = jwt_sign(ta, "k", "JWT", "{\"a\":1}", sk);
	n = strlen(tok);
	/* flipping any one character of the token breaks it */
	for (i = 0; i < n; i++) {
		if (tok[i] == '.')
			continue;
		bad = arena_strdup(ta, tok);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		if (jwt_verify(ta, bad, pk, NULL, NULL) == -1)
			fails++;
		else
			printf("  accepted with byte %zu changed\n", i);
	}
	T_ASSERT(fails == n - 2);
	/* a payload swapped in under the old signature */
	bad = arena_strdup(ta, tok);
	dot = strchr(bad, '.');
	T_ASSERT(dot != NULL);
	bad = arena_printf(ta, "%.*s.%s.%s", (int)(dot - bad), bad,
	    b64url_encode(ta, "{\"a\":2}", 7), strrchr(tok, '.') + 1);
	T_ASSERT(jwt_verify(ta, bad, pk, NULL, NULL) == -1);
	/* wrong key, truncated, extra part, empty parts */
	crypto_sign_keypair(pk2, sk2);
	T_ASSERT(jwt_verify(ta, tok, pk2, NULL, NULL) == -1);
	T_ASSERT(jwt_verify(ta, arena_strndup(ta, tok, n - 1), pk, NULL,
	    NULL) == -1);
	T_ASSERT(jwt_verify(ta, arena_printf(ta, "%s.x", tok), pk, NULL,
	    NULL) == -1);
	T_ASSERT(jwt_verify(ta, "..", pk, NULL, NULL) == -1);
	T_ASSERT(jwt_verify(ta, "", pk, NULL, NULL) == -1);
	T_ASSERT(jwt_verify(ta, NULL, pk, NULL, NULL) == -1);
	/* alg other than EdDSA is refused even with a good signature */
	{
		const char	*hdr = "{\"alg\":\"none\",\"kid\":\"k\"}";
		char		*in;
		unsigned char	 sig[64];

		in = arena_printf(ta, "%s.%s", b64url_encode(ta, hdr,
		    strlen(hdr)), b64url_encode(ta, "{}", 2));
		crypto_sign_detached(sig, NULL, (unsigned char *)in,
		    strlen(in), sk);
		bad = arena_printf(ta, "%s.%s", in, b64url_encode(ta, sig,
		    64));
		T_ASSERT(jwt_verify(ta, bad, pk, NULL, NULL) == -1);
	}
	T_ASSERT(jwt_kid(ta, "not a jwt") == NULL);
}

/* One token, one spelling: a byte of 0x80 or above in place of a letter
 * of the signature (libsodium decodes those as letters, e.g. 0x8d as
 * "_") is refused. Signs until the signature holds a "_". */
static void
test_one_spelling(void)
{
	char		*tok, *bad, *sig;
	unsigned char	*out;
	size_t		 i, n, accepted = 0;
	int		 c, k;

	for (k = 0, sig = NULL; k < 200; k++) {
		tok = jwt_sign(ta, "k", "JWT", arena_printf(ta,
		    "{\"a\":%d}", k), sk);
		sig = strrchr(tok, '.') + 1;
		if (strchr(sig, '_') != NULL)
			break;
	}
	T_ASSERT(sig != NULL && strchr(sig, '_') != NULL);
	n = strlen(sig);
	for (i = 0; i < n; i++)
		for (c = 0x80; c < 0x100; c++) {
			bad = arena_strdup(ta, tok);
			bad[(size_t)(sig - tok) + i] = (char)c;
			if (jwt_verify(ta, bad, pk, NULL, NULL) == 0)
				accepted++;
		}
	T_ASSERT(accepted == 0);
	T_ASSERT(b64url_decode(ta, "AAA\x8d", 4, &out, &n) == -1);
	T_ASSERT(b64url_decode(ta, "\xc3\xa9" "AA", 4, &out, &n) == -1);
}

int
main(void)
{
	if (sodium_init() < 0)
		return (1);
	ta = arena_new();
	crypto_sign_keypair(pk, sk);
	T_RUN(test_json_escape);
	T_RUN(test_json_writer);
	T_RUN(test_b64url);
	T_RUN(test_sign_verify);
	T_RUN(test_tamper);
	T_RUN(test_one_spelling);
	arena_free(ta);
	return (t_done());
}

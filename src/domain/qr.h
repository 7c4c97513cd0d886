/*
 * qr.h: QR codes (libqrencode) as SVG path data. The domain only makes
 * the path string ("M4 4h7v1h-7z..."): digits and the letters M h v z,
 * nothing else. The <svg> element around it is written by the template
 * layer (templates/pages/certificate_print.html), which escapes the value
 * like any other.
 */
#ifndef ETHICA_QR_H
#define ETHICA_QR_H

struct arena;

#define QR_QUIET	4	/* quiet zone, in modules, on every side */

/*
 * Encodes text (8-bit mode, error correction level M) and returns the
 * path data in arena memory, with *size the side of the square in
 * modules, quiet zone included (use it for the SVG viewBox). NULL when
 * the text cannot be encoded (too long, or libqrencode failed).
 */
char	*qr_svg_path(struct arena *, const char *text, int *size);

#endif

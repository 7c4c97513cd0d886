/*
 * result.c: form error lists (see result.h).
 */
#include <stddef.h>
#include <string.h>

#include "domain/result.h"

void
form_error(struct form_errors *fe, const char *field, const char *msgid)
{
	if (fe->n >= FORM_MAX_ERRORS || form_error_for(fe, field) != NULL)
		return;
	fe->field[fe->n] = field;
	fe->msgid[fe->n] = msgid;
	fe->n++;
}

const char *
form_error_for(const struct form_errors *fe, const char *field)
{
	int	i;

	for (i = 0; i < fe->n; i++) {
		if (strcmp(fe->field[i], field) == 0)
			return (fe->msgid[i]);
	}
	return (NULL);
}

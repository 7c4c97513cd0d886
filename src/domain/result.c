/*
 * result.c: form error lists, and the one mapping from a store lookup's
 * code to a result (see result.h).
 */
#include <stddef.h>
#include <string.h>

#include "domain/result.h"
#include "store/store.h"

enum result
result_from_store(int rc)
{
	if (rc == STORE_OK)
		return (RES_OK);
	if (rc == STORE_NOT_FOUND)
		return (RES_NOT_FOUND);
	return (RES_INTERNAL);
}

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

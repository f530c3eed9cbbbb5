/* pactum.h compiles on its own as strict C99 (-Wall -Wextra -pedantic -Werror). */
#include "pactum.h"

#if PACTUM_VERSION_NUMBER != (PACTUM_VERSION_MAJOR * 1000000 + PACTUM_VERSION_MINOR * 1000 + PACTUM_VERSION_PATCH)
#error "PACTUM_VERSION_NUMBER is inconsistent"
#endif

int pactum_header_test_anchor(void);
int pactum_header_test_anchor(void) {
  pactum_rounding r = PACTUM_ROUND_HALF_EVEN;
  char date[PACTUM_DATE_SIZE];
  date[0] = '\0';
  return (int)r + (int)date[0] + PACTUM_OK;
}

/* evcode validate: the peer validation suites (validate.c). */
#ifndef EVCODE_VALIDATE_H
#define EVCODE_VALIDATE_H
int cmd_validate(int argc, char **argv);
/* main.c: the dictionary cache directory of the command line (NULL: none). */
const char *evc_cli_cache_dir(void);
#endif

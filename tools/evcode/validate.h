/* evcode validate: the peer validation suites (validate.c). */
#ifndef EVCODE_VALIDATE_H
#define EVCODE_VALIDATE_H
int cmd_validate(int argc, char **argv);
#endif

/* `evcode serve`: the HTTP API and dashboard over a store (serve.c). */
#ifndef EVC_CLI_SERVE_H
#define EVC_CLI_SERVE_H
int cmd_serve(int argc, char **argv);
#endif

/* `evcode watch`: watchlists and their webhook deliveries (watch_cmd.c). */
#ifndef EVC_CLI_WATCH_CMD_H
#define EVC_CLI_WATCH_CMD_H
/* argv[0] is "watch", argv[1] the subcommand. */
int cmd_watch(int argc, char **argv);
#endif

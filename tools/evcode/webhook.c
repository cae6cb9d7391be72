/*
 * The webhook client: one HTTP/1.1 POST per delivery over a plain TCP
 * socket (http:// only), with `Connection: close`. Every step is bounded:
 * a non-blocking connect waited for with poll, sends and receives with
 * poll against one deadline. Only the status line matters; the headers of
 * the response are read (so that closing does not reset a server still
 * writing them), its body is not.
 */
#define _POSIX_C_SOURCE 200809L
#include "webhook.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A POST's deadline (ms on the monotonic clock) and the caller's, which
 * may move closer while the POST runs (a stop). */
typedef struct post_clock {
    long long deadline;
    deliver_deadline_fn outer;
    void *user;
} post_clock;

/* Milliseconds left (<= 0: none). */
static long long left_ms(const post_clock *c)
{
    long long d = c->deadline;
    double o = c->outer ? c->outer(c->user) : 0;
    if (o > 0 && (long long)(o * 1000) < d)
        d = (long long)(o * 1000);
    return d - now_ms();
}

/* Waits until fd is ready for `events` or the deadline, looking at the
 * caller's deadline every 100 ms: 1 ready, 0 timed out, -1 error. */
static int wait_fd(int fd, short events, const post_clock *c)
{
    for (;;) {
        long long left = left_ms(c);
        if (left <= 0)
            return 0;
        struct pollfd p = {fd, events, 0};
        int rc = poll(&p, 1, left > 100 ? 100 : (int)left);
        if (rc > 0)
            return 1;
        if (rc < 0 && errno != EINTR)
            return -1;
    }
}

/* A connected non-blocking socket to one of the addresses of host:port, or
 * -1 with why set. */
static int dial(const evc_http_url *u, const post_clock *c, char *why, size_t cap)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int g = getaddrinfo(u->host, u->port, &hints, &res);
    if (g) {
        snprintf(why, cap, "cannot resolve %s: %s", u->host, gai_strerror(g));
        return -1;
    }
    post_clock connect_by = *c;
    if (connect_by.deadline > now_ms() + WEBHOOK_CONNECT_MS)
        connect_by.deadline = now_ms() + WEBHOOK_CONNECT_MS;
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        int rc = connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc < 0 && errno == EINPROGRESS) {
            int w = wait_fd(fd, POLLOUT, &connect_by);
            socklen_t len = sizeof err;
            if (w <= 0)
                err = w == 0 ? ETIMEDOUT : errno;
            else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
                err = errno;
            rc = err ? -1 : 0;
        } else if (rc < 0) {
            err = errno;
        }
        if (rc < 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        snprintf(why, cap, "%s %s port %s: %s", err == ETIMEDOUT ? "timed out connecting to" : "cannot connect to",
                 u->host, u->port, err == ETIMEDOUT ? "no answer" : strerror(err));
    return fd;
}

/* Sends all of p[0..n); 0, or -1 with why set. */
static int send_all(int fd, const char *p, size_t n, const post_clock *c, char *why, size_t cap)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(why, cap, "sending the request: %s", strerror(errno));
            return -1;
        }
        if (wait_fd(fd, POLLOUT, c) <= 0) {
            snprintf(why, cap, "timed out sending the request");
            return -1;
        }
    }
    return 0;
}

/* Reads the response up to the end of its headers; its status, or 0 with
 * why set. */
static int read_status(int fd, const post_clock *c, char *why, size_t cap)
{
    char buf[8192];
    size_t n = 0;
    int status = 0;
    while (n < sizeof buf - 1) {
        ssize_t k = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (k > 0) {
            n += (size_t)k;
            buf[n] = '\0';
            if (!status && strstr(buf, "\r\n")) {
                int major, minor;
                if (sscanf(buf, "HTTP/%d.%d %3d", &major, &minor, &status) != 3 || status < 100 || status > 599) {
                    snprintf(why, cap, "not an HTTP response");
                    return 0;
                }
            }
            if (strstr(buf, "\r\n\r\n"))
                break;
            continue;
        }
        if (k == 0)
            break;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            if (!status)
                snprintf(why, cap, "reading the response: %s", strerror(errno));
            break;
        }
        if (wait_fd(fd, POLLIN, c) <= 0) {
            if (!status)
                snprintf(why, cap, "timed out waiting for the response");
            break;
        }
    }
    if (!status && !why[0])
        snprintf(why, cap, n ? "not an HTTP response" : "the connection was closed without a response");
    return status;
}

int webhook_post(const char *url, const char *headers, const char *body, size_t len, int timeout_ms,
                 deliver_deadline_fn deadline, void *user, char *why, size_t cap)
{
    why[0] = '\0';
    evc_http_url u;
    evc_error err;
    if (evc_webhook_parse(url, &u, &err) != EVC_OK) {
        snprintf(why, cap, "%s", err.msg);
        return 0;
    }
    post_clock c = {now_ms() + (timeout_ms > 0 ? timeout_ms : 1), deadline, user};
    int fd = dial(&u, &c, why, cap);
    if (fd < 0)
        return 0;
    int v6 = strchr(u.host, ':') != NULL;
    size_t hcap = strlen(u.path) + strlen(u.host) + (headers ? strlen(headers) : 0) + 256;
    char *head = malloc(hcap);
    int status = 0;
    if (!head) {
        snprintf(why, cap, "out of memory");
    } else {
        snprintf(head, hcap,
                 "POST %s HTTP/1.1\r\nHost: %s%s%s%s%s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                 "User-Agent: evcode/%s\r\nConnection: close\r\n%s\r\n",
                 u.path, v6 ? "[" : "", u.host, v6 ? "]" : "", strcmp(u.port, "80") ? ":" : "",
                 strcmp(u.port, "80") ? u.port : "", len, EVC_VERSION, headers ? headers : "");
        if (!send_all(fd, head, strlen(head), &c, why, cap) && !send_all(fd, body, len, &c, why, cap))
            status = read_status(fd, &c, why, cap);
        free(head);
    }
    close(fd);
    return status;
}

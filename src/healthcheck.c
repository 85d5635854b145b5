/* The health probe client: one GET over a plain socket, with a deadline,
 * reading only the status line. The default URL follows PF_PORT so the
 * same image works on any configured port. */
#include "healthcheck.h"

#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int wait_fd(int fd, short ev, int ms)
{
    struct pollfd p = {fd, ev, 0};
    return poll(&p, 1, ms) == 1 ? 0 : -1;
}

int healthcheck_run(int argc, char **argv)
{
    char url[512], host[256], port[8], path[256], req[768], resp[64];
    int timeout_ms = 3000;
    const char *env_port = getenv("PF_PORT");

    snprintf(url, sizeof url, "http://127.0.0.1:%s/healthz",
             env_port && *env_port ? env_port : "8080");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--url") && i + 1 < argc)
            snprintf(url, sizeof url, "%s", argv[++i]);
        else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
            timeout_ms = atoi(argv[++i]) * 1000;
        else {
            fprintf(stderr, "usage: policyfacts healthcheck [--url URL] "
                            "[--timeout SECONDS]\n");
            return 1;
        }
    }
    if (sscanf(url, "http://%255[^:/]:%7[0-9]%255s", host, port, path) < 2) {
        fprintf(stderr, "healthcheck: URL must be http://HOST:PORT/PATH\n");
        return 1;
    }
    if (!strchr(url + 7, '/'))
        snprintf(path, sizeof path, "/");
    else
        snprintf(path, sizeof path, "%s", strchr(url + 7, '/'));

    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
    if (getaddrinfo(host, port, &hints, &ai) != 0) {
        fprintf(stderr, "healthcheck: cannot resolve %s\n", host);
        return 1;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int rc = 1;
    if (fd < 0)
        goto done;
    connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (wait_fd(fd, POLLOUT, timeout_ms) != 0)
        goto done;
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: "
                     "close\r\nUser-Agent: policyfacts-healthcheck\r\n\r\n",
                     path, host, port);
    if (write(fd, req, (size_t)n) != n)
        goto done;
    if (wait_fd(fd, POLLIN, timeout_ms) != 0)
        goto done;
    ssize_t got = read(fd, resp, sizeof resp - 1);
    if (got < 12)
        goto done;
    resp[got] = '\0';
    rc = strncmp(resp + 8, " 200", 4) == 0 ? 0 : 1;
    if (rc)
        fprintf(stderr, "healthcheck: %.*s\n", (int)strcspn(resp, "\r\n"),
                resp);
done:
    if (rc && fd >= 0)
        fprintf(stderr, "healthcheck: no 200 from %s\n", url);
    if (fd >= 0)
        close(fd);
    freeaddrinfo(ai);
    return rc;
}

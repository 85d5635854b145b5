/* `policyfacts healthcheck [--url http://HOST:PORT/PATH] [--timeout S]`:
 * a minimal HTTP/1.1 client so container images need no curl. */
#ifndef PF_HEALTHCHECK_H
#define PF_HEALTHCHECK_H

/* Exit code: 0 when the server answered 200, 1 otherwise. */
int healthcheck_run(int argc, char **argv);

#endif

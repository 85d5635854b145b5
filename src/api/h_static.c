/* The dashboard's files: /, /assets/{file} from the web directory, and
 * Chart.js from the Debian package's installed path. Files are read on
 * demand; the response cache keeps them afterwards. Must not serve a
 * path outside the web directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "base/buf.h"
#include "base/config.h"
#include "render/problem.h"

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static void send_file(struct pf_reply *rep, const char *path, const char *type)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    char chunk[65536];
    size_t n;
    if (!f) {
        problem_reply(rep, PROB_NOT_FOUND, "no such file");
        return;
    }
    buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    if (buf_failed(&b)) {
        buf_free(&b);
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return;
    }
    rep->status = 200;
    rep->body = buf_steal(&b, &rep->body_len);
    rep->body_owned = true;
    rep->content_type = type;
}

void h_dashboard(const struct pf_req *req, struct pf_reply *rep)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", req->cfg->web_dir);
    send_file(rep, path, "text/html; charset=utf-8");
}

void h_asset(const struct pf_req *req, struct pf_reply *rep)
{
    const char *name = req->captures[0];
    size_t len = strlen(name);
    char path[4096];
    /* one plain file name: no separators, no hidden files, no ".." */
    if (len == 0 || len > 100 || name[0] == '.' ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789._-") != len) {
        problem_reply(rep, PROB_NOT_FOUND, "no such file");
        return;
    }
    snprintf(path, sizeof path, "%s/assets/%s", req->cfg->web_dir, name);
    send_file(rep, path, content_type(name));
}

void h_chartjs(const struct pf_req *req, struct pf_reply *rep)
{
    send_file(rep, req->cfg->chartjs, "text/javascript; charset=utf-8");
}

# A stand-in for the official nginx image, for tests/container/compose.sh on
# machines that reach no image registry: Debian's nginx on the local base
# image, laid out like the official image (conf.d/ included in http{},
# writable state under /var/cache/nginx, logs to stdout/stderr).
ARG BASE_IMAGE=localhost/debian:12-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /etc/nginx/sites-enabled/default \
 && rm -rf /var/lib/nginx && ln -s /var/cache/nginx /var/lib/nginx \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]

FROM alpine:3.19
RUN apk add --no-cache curl
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && make \
    && apk del .build-deps \
    && rm -rf /var/cache/apk/* /tmp/*
RUN set -eux; \
    apk update; \
    apk add --no-cache bash; \
    apk upgrade
